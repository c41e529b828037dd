// Development entry of the embedding worker (tests, tsx): Node 20 ignores loader flags such as
// `--import tsx` in a Worker's execArgv (nodejs/node#47747), so the worker loads tsx itself and
// then the TypeScript source. Builds run embedWorker.js instead.
import { tsImport } from 'tsx/esm/api';

await tsImport('./embedWorker.ts', import.meta.url);

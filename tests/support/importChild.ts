// Run as a child process by importCrash.test.ts: imports one file and reports each phase on
// stdout, so the parent can kill it at a chosen moment.
import { Cairn } from '../../core/cairn';
import { tinyEmbedderSpec } from './testEmbedder';

const [dataDir, file] = process.argv.slice(2);
const cairn = Cairn.open({ dataDir: dataDir!, embedder: tinyEmbedderSpec });
let lastPhase = '';
await cairn.importLibrary([file!], {
  onProgress: (progress) => {
    if (progress.phase === lastPhase) return;
    lastPhase = progress.phase;
    process.stdout.write(`${progress.phase}\n`);
  },
});
process.stdout.write('done\n');
await cairn.close();

import packageJson from '../package.json' with { type: 'json' };

/** Cairn's version, from package.json. */
export const CAIRN_VERSION: string = packageJson.version;

/** The name of the one IPC channel the bridge uses (kept apart so preload bundles no schemas). */
export const IPC_CHANNEL = 'cairn:invoke';

import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { secureWebPreferences } from './security';

/** Options of the one Cairn window. The preload is the only code with a bridge to main. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 820,
    minWidth: 720,
    minHeight: 520,
    title: 'Cairn',
    show: false,
    backgroundColor: '#fbfaf7',
    webPreferences: { ...secureWebPreferences, preload: preloadPath },
  };
}

/** Where electron-vite puts the built files, relative to the built main script's folder. */
export function builtPaths(mainDir: string): { preload: string; indexHtml: string } {
  return {
    preload: path.join(mainDir, '../preload/preload.cjs'),
    indexHtml: path.join(mainDir, '../renderer/index.html'),
  };
}

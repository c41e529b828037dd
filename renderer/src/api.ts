import type { CairnApi } from '../../core/api/contract';

declare global {
  interface Window {
    /** Provided by the Electron preload, or by the HTTP bridge's client script in tests/dev. */
    cairn?: CairnApi;
  }
}

/** The bridge to core. The renderer reaches core through this and nothing else. */
export function getApi(): CairnApi | null {
  return window.cairn ?? null;
}

import { useCallback, useEffect, useState } from 'react';
import type { CairnApi } from '../../core/api/contract';
import type { AppStatus, DocumentSummary } from '../../core/types';

export type Loadable<T> =
  | { state: 'loading' }
  | { state: 'ready'; value: T }
  | { state: 'error'; message: string };

export interface CairnData {
  status: Loadable<AppStatus>;
  documents: Loadable<DocumentSummary[]>;
  reload(): void;
}

/** Loads the status and the document list from core, and reloads them on demand. */
export function useCairnData(api: CairnApi): CairnData {
  const [status, setStatus] = useState<Loadable<AppStatus>>({ state: 'loading' });
  const [documents, setDocuments] = useState<Loadable<DocumentSummary[]>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    api.invoke('app/status').then(
      (value) => live && setStatus({ state: 'ready', value }),
      (error: unknown) => live && setStatus({ state: 'error', message: messageOf(error) }),
    );
    api.invoke('library/list').then(
      (value) => live && setDocuments({ state: 'ready', value }),
      (error: unknown) => live && setDocuments({ state: 'error', message: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [api, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { status, documents, reload };
}

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'Something went wrong talking to Cairn.';
}

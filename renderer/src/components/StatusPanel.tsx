import type { AppStatus } from '../../../core/types';
import type { Loadable } from '../useCairnData';

/** Where the data lives and what the library holds, straight from core. */
export function StatusPanel({ status }: { status: Loadable<AppStatus> }) {
  return (
    <section className="status-panel" aria-labelledby="status-heading">
      <h2 id="status-heading">Status</h2>
      {status.state === 'loading' && <p>Loading…</p>}
      {status.state === 'error' && <p role="alert">Could not read Cairn's status: {status.message}</p>}
      {status.state === 'ready' && (
        <dl>
          <dt>Data folder</dt>
          <dd data-testid="status-data-dir">{status.value.dataDir}</dd>
          <dt>Guideline documents</dt>
          <dd data-testid="status-documents">{status.value.library.documents}</dd>
          <dt>Passages indexed</dt>
          <dd data-testid="status-chunks">{status.value.library.chunks}</dd>
          <dt>Search index</dt>
          <dd>
            {status.value.vectorIndex
              ? `${status.value.vectorIndex.embedderId} (${status.value.vectorIndex.dims} dimensions)`
              : 'Not built yet'}
          </dd>
          <dt>Version</dt>
          <dd>Cairn {status.value.version}</dd>
        </dl>
      )}
    </section>
  );
}

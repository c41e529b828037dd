import type { CairnApi } from '../../../../core/api/contract';
import type { AppStatus } from '../../../../core/types';
import type { Loadable } from '../../useCairnData';
import { useTask } from '../../useTask';

/** The embedder that built the search index, and re-indexing the library with progress and Cancel. */
export function EmbedderPanel({ api, status, reload }: { api: CairnApi; status: Loadable<AppStatus>; reload: () => void }) {
  const task = useTask(api, 'library', { resumeKey: 'cairn.reindexTask', onFinish: reload });
  const { state } = task;
  const index = status.state === 'ready' ? status.value.vectorIndex : null;
  const counts = status.state === 'ready' ? status.value.library : null;

  return (
    <section className="ls-panel" aria-labelledby="embedder-heading">
      <h2 id="embedder-heading">Search index</h2>
      <p>
        Cairn finds the passages for an answer with a search model (the embedder) that runs on this computer.
      </p>
      <dl className="ls-facts">
        <dt>Embedder</dt>
        <dd data-testid="settings-embedder">{status.state !== 'ready' ? 'Loading…' : index ? `${index.embedderId} (${index.dims} dimensions)` : 'Not built yet: import a guideline first.'}</dd>
        {counts && (
          <>
            <dt>Passages indexed</dt>
            <dd>
              {counts.embeddedChunks} of {counts.chunks}
            </dd>
          </>
        )}
      </dl>
      <p className="ls-hint">
        Re-indexing indexes any passage that is missing from the search index, for example after an import was stopped.
        It can take a few minutes for a large library; you can keep using Cairn meanwhile.
      </p>
      <button type="button" className="primary" disabled={task.running} onClick={() => task.start(() => api.invoke('library/reindex', {}))}>
        Re-index the library
      </button>
      {task.running && (
        <>
          {' '}
          <button type="button" className="secondary" onClick={task.cancel} disabled={state.phase === 'running' && state.cancelling}>
            {state.phase === 'running' && state.cancelling ? 'Cancelling…' : 'Cancel re-index'}
          </button>
        </>
      )}
      <div role="status" aria-live="polite" className="ls-live" data-testid="reindex-status">
        {state.phase === 'running' && (
          <div className="ls-progress">
            {state.latest?.type === 'reindex' ? (
              <>
                <p className="ls-progress-line">
                  Re-indexing: {state.latest.progress.embedded} of {state.latest.progress.total} passages
                </p>
                <progress className="ls-bar" aria-label="Re-index progress" max={Math.max(1, state.latest.progress.total)} value={state.latest.progress.embedded} />
              </>
            ) : (
              <p className="ls-progress-line">Starting to re-index…</p>
            )}
          </div>
        )}
        {state.phase === 'done' && 'embedded' in state.result && (
          <p>
            {state.result.embedded === 0
              ? 'The search index was already complete.'
              : `Re-indexed ${state.result.embedded} passages${state.result.rebuilt ? ' (the index was rebuilt)' : ''}.`}
          </p>
        )}
        {state.phase === 'cancelled' && <p>Re-indexing stopped. What was done is kept; re-index again to finish.</p>}
      </div>
      {state.phase === 'failed' && (
        <p role="alert" className="error">
          Re-indexing stopped: {state.message} Try again; what was done is kept.
        </p>
      )}
    </section>
  );
}

import type { AskState } from '../useAsk';
import { draftPreview } from './draftPreview';

/**
 * What is happening with the question: a polite live line (working, ready, stopped), the draft as
 * the local model writes it, and Cancel while it runs.
 */
export function AskProgress({ state, onCancel }: { state: AskState; onCancel: () => void }) {
  const running = state.phase === 'running';
  const draft = running ? draftPreview(state.streamed) : '';
  return (
    <div className="ask-progress">
      <p className="ask-status" role="status" aria-live="polite" data-testid="ask-status">
        {statusLine(state)}
      </p>
      {running && (
        <div className="ask-running">
          <progress className="ask-spinner" aria-label="Writing the answer" />
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      )}
      {draft && (
        <div className="ask-draft" aria-busy="true" data-testid="ask-draft">
          <p className="ask-draft-caption">Being written on this computer (the finished answer replaces this):</p>
          {draft}
        </div>
      )}
    </div>
  );
}

function statusLine(state: AskState): string {
  switch (state.phase) {
    case 'idle':
    case 'failed':
      return '';
    case 'running':
      return 'Finding passages and writing the answer…';
    case 'done':
      return `The answer is ready: ${state.answer.title}.`;
    case 'cancelled':
      return 'Stopped. Nothing more will be written; ask again when you are ready.';
  }
}

import { useEffect, useId, useRef, useState } from 'react';
import type { QuestionToAsk } from '../../../core/answer/types';
import type { CairnApi } from '../../../core/api/contract';
import type { HistoryEntry } from '../../../core/records/store/historyRepository';
import { AnswerView } from '../components/AnswerView';
import { RecordsLockedNotice } from '../components/RecordsLockedNotice';
import { useHistory } from '../useHistory';
import './PrepHistory.css';

export interface HistoryScreenProps {
  api: CairnApi;
  /** Questions already on the appointment list, for answers opened here. */
  addedQuestions: readonly string[];
  onAddQuestion: (question: QuestionToAsk, askedAbout?: string) => void;
}

const MODE_LABELS: Record<string, string> = {
  llm: 'Written by the model on this computer',
  extractive: 'Quoted from your guidelines',
  'not-found': 'Nothing found in your guidelines',
  urgent: 'Urgent: contact your care team',
  'out-of-scope': 'Outside what Cairn answers',
};

/** Past answers, searchable, reopenable and deletable. They are personal, so they live in the encrypted records. */
export function HistoryScreen({ api, addedQuestions, onAddQuestion }: HistoryScreenProps) {
  const history = useHistory(api);
  const { state, open } = history;
  const id = useId();
  const [confirming, setConfirming] = useState<number | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // Back from an answer, or after a deletion: the focus goes where the person was.
  const returnTo = useRef<string | null>(null);
  const setReturnTo = (target: string | null) => (returnTo.current = target);
  useEffect(() => {
    if (!returnTo.current || open) return;
    const target = returnTo.current === 'heading' ? heading.current : document.getElementById(returnTo.current);
    returnTo.current = null;
    (target ?? heading.current)?.focus();
  }, [open, state, confirming]);

  return (
    <div className="history-screen">
      <h1 ref={heading} tabIndex={-1}>
        History
      </h1>
      <p className="screen-intro">
        The answers you asked for, newest first. They are personal, so Cairn keeps them only in your encrypted records on this
        computer, and only while your records are open: answers asked while your records are locked are not kept.
      </p>
      <p className="visually-hidden" role="status">
        {history.announcement}
      </p>
      {state.phase === 'failed' && (
        <div className="error-box" role="alert">
          <p>{state.message}</p>
          <button type="button" className="secondary" onClick={() => void history.reload()}>
            Try again
          </button>
        </div>
      )}
      {state.phase === 'locked' && <RecordsLockedNotice api={api} status={state.records} what="Your history of answers" onOpened={() => void history.reload()} />}
      {history.error && (
        <p className="error-box" role="alert">
          {history.error}
        </p>
      )}
      {state.phase === 'ready' && open && (
        <div className="history-open">
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setReturnTo(`${id}-open${open.entry.id}`);
              history.close();
            }}
          >
            Back to all answers
          </button>
          <p className="hint">
            You asked “{open.entry.question}” on {formatDate(open.entry.askedAt)}. This is the answer as it was then.
          </p>
          <AnswerView
            api={api}
            answer={open.answer}
            addedQuestions={addedQuestions}
            onAddQuestion={(question) => onAddQuestion(question, open.answer.question)}
          />
        </div>
      )}
      {state.phase === 'ready' && !open && (
        <>
          <div role="search" className="history-search">
            <label htmlFor={`${id}-search`}>Search past answers</label>
            <input id={`${id}-search`} type="search" value={history.search} maxLength={200} onChange={(event) => history.setSearch(event.target.value)} />
          </div>
          {state.entries.length === 0 ? (
            <p className="empty" data-testid="history-empty">
              {history.search.trim()
                ? `No past answers match “${history.search.trim()}”. Try fewer or other words.`
                : 'No past answers yet. Answers to the questions you ask while your records are open will be listed here.'}
            </p>
          ) : (
            <ul className="history-list" aria-label="Past answers">
              {state.entries.map((entry) => (
                <HistoryItem
                  key={entry.id}
                  entry={entry}
                  baseId={id}
                  confirming={confirming === entry.id}
                  onOpen={() => void history.openEntry(entry)}
                  onAskDelete={() => setConfirming(entry.id)}
                  onCancelDelete={() => {
                    setConfirming(null);
                    setReturnTo(`${id}-delete${entry.id}`);
                  }}
                  onDelete={async () => {
                    setReturnTo('heading');
                    if (await history.remove(entry)) setConfirming(null);
                    else setReturnTo(null);
                  }}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

interface HistoryItemProps {
  entry: HistoryEntry;
  baseId: string;
  confirming: boolean;
  onOpen: () => void;
  onAskDelete: () => void;
  onCancelDelete: () => void;
  onDelete: () => void;
}

function HistoryItem({ entry, baseId, confirming, onOpen, onAskDelete, onCancelDelete, onDelete }: HistoryItemProps) {
  const questionId = `${baseId}-question${entry.id}`;
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  return (
    <li className="history-item">
      <h2 className="history-question" id={questionId}>
        {entry.question}
      </h2>
      <p className="history-meta">
        <span className="history-title">{entry.title}</span> · <time dateTime={entry.askedAt}>{formatDate(entry.askedAt)}</time> ·{' '}
        {MODE_LABELS[entry.mode] ?? entry.mode}
      </p>
      {confirming ? (
        <div className="history-confirm" role="group" aria-label="Delete this answer?">
          <p>Delete this answer from your history? This cannot be undone.</p>
          <button ref={confirmRef} type="button" className="primary danger" aria-describedby={questionId} onClick={onDelete}>
            Yes, delete it
          </button>
          <button type="button" className="secondary" onClick={onCancelDelete}>
            Keep it
          </button>
        </div>
      ) : (
        <div className="history-buttons">
          <button id={`${baseId}-open${entry.id}`} type="button" className="primary" aria-describedby={questionId} onClick={onOpen}>
            Open
          </button>
          <button id={`${baseId}-delete${entry.id}`} type="button" className="secondary danger" aria-describedby={questionId} onClick={onAskDelete}>
            Delete
          </button>
        </div>
      )}
    </li>
  );
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CairnApi } from '../../../core/api/contract';
import type { PrepItem } from '../../../core/records/store/prepRepository';
import { RecordsLockedNotice } from '../components/RecordsLockedNotice';
import { usePrep, type AppointmentQuestions, type PendingQuestion } from '../usePrep';
import './PrepHistory.css';

export interface PrepScreenProps {
  api: CairnApi;
  appointment: Pick<AppointmentQuestions, 'pending' | 'savePending' | 'listChanged'>;
}

/**
 * Appointment prep: the person's questions for their next appointment, in their order, with their
 * own notes; saved as a PDF or printed. The list is personal, so it lives in the encrypted records.
 */
export function PrepScreen({ api, appointment }: PrepScreenProps) {
  const prep = usePrep(api, appointment);
  const { state } = prep;
  const id = useId();
  const listHeading = useRef<HTMLHeadingElement>(null);
  // After a move the same button keeps the focus; after a removal the list's heading takes it.
  const focusAfter = useRef<string | null>(null);
  useEffect(() => {
    if (!focusAfter.current || state.phase !== 'ready') return;
    const target = focusAfter.current === 'list' ? listHeading.current : document.getElementById(focusAfter.current);
    focusAfter.current = null;
    target?.focus();
  }, [state]);

  return (
    <div className="prep-screen">
      <h1>Appointment prep</h1>
      <p className="screen-intro">
        Questions to take to your next appointment, in the order you want to ask them, with your own notes. Save the list as a
        PDF or print it to bring with you.
      </p>
      <p className="visually-hidden" role="status">
        {prep.announcement}
      </p>
      {state.phase === 'loading' && <p className="visually-hidden">Loading your list…</p>}
      {state.phase === 'failed' && (
        <div className="error-box" role="alert">
          <p>{state.message}</p>
          <button type="button" className="secondary" onClick={() => void prep.reload()}>
            Try again
          </button>
        </div>
      )}
      {state.phase === 'locked' && <RecordsLockedNotice api={api} status={state.records} what="Your appointment list" onOpened={() => void prep.reload()} />}
      {state.phase !== 'ready' && <PendingQuestions pending={appointment.pending} locked={state.phase === 'locked'} />}
      {state.phase === 'ready' && (
        <>
          <div className="prep-actions" role="group" aria-label="Save or print the list">
            <button type="button" className="primary" onClick={() => void prep.savePdf()} aria-disabled={state.items.length === 0}>
              Save as PDF
            </button>
            <button type="button" className="secondary" onClick={() => window.print()} aria-disabled={state.items.length === 0}>
              Print
            </button>
          </div>
          {prep.error && (
            <p className="error-box" role="alert">
              {prep.error}
            </p>
          )}
          <h2 id={`${id}-list`} ref={listHeading} tabIndex={-1} className="prep-list-heading">
            My questions ({state.items.length})
          </h2>
          {state.items.length === 0 ? (
            <p className="empty" data-testid="appointment-empty">
              No questions yet. Add your own below, or on the Ask screen choose “Add to my appointment list” next to a question an
              answer suggests.
            </p>
          ) : (
            <ol className="prep-list" aria-label="My appointment questions">
              {state.items.map((item, index) => (
                <PrepListItem
                  key={item.id}
                  item={item}
                  number={index + 1}
                  count={state.items.length}
                  baseId={id}
                  onSaveQuestion={(question) => prep.updateQuestion(item.id, question)}
                  onSaveNote={(note) => prep.saveNote(item.id, note)}
                  onMove={async (by, button) => {
                    focusAfter.current = button;
                    if (!(await prep.move(item.id, by))) focusAfter.current = null;
                  }}
                  onRemove={async () => {
                    focusAfter.current = 'list';
                    if (!(await prep.remove(item))) focusAfter.current = null;
                  }}
                />
              ))}
            </ol>
          )}
          <AddQuestionForm onAdd={prep.add} />
        </>
      )}
    </div>
  );
}

/** Questions added from answers while the records were locked, kept in memory until they are open. */
function PendingQuestions({ pending, locked }: { pending: readonly PendingQuestion[]; locked: boolean }) {
  if (pending.length === 0) {
    return (
      <p className="empty" data-testid="appointment-empty">
        No questions yet. On the Ask screen, choose “Add to my appointment list” next to any of the questions an answer suggests.
      </p>
    );
  }
  return (
    <section className="prep-pending" aria-label="Questions not saved yet">
      <p>
        {locked
          ? 'These questions are not saved yet: they are kept only while Cairn is open. Open your records to save them to your list.'
          : 'These questions are not saved yet: they are kept only while Cairn is open.'}
      </p>
      <ol className="appointment-list" aria-label="My appointment questions">
        {pending.map((item) => (
          <li key={item.question}>
            {item.question} <span className="question-why">({item.why})</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

interface PrepListItemProps {
  item: PrepItem;
  number: number;
  count: number;
  baseId: string;
  onSaveQuestion: (question: string) => Promise<boolean>;
  onSaveNote: (note: string) => Promise<boolean>;
  onMove: (by: -1 | 1, buttonId: string) => void;
  onRemove: () => void;
}

function PrepListItem({ item, number, count, baseId, onSaveQuestion, onSaveNote, onMove, onRemove }: PrepListItemProps) {
  const ids = {
    question: `${baseId}-q${item.id}`,
    note: `${baseId}-note${item.id}`,
    edit: `${baseId}-edit${item.id}`,
    up: `${baseId}-up${item.id}`,
    down: `${baseId}-down${item.id}`,
  };
  const [note, setNote] = useState(item.note);
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  // A note saved (or changed by core) replaces the draft.
  const [savedNote, setSavedNote] = useState(item.note);
  if (savedNote !== item.note) {
    setSavedNote(item.note);
    setNote(item.note);
  }

  async function saveNote() {
    if (note === item.note || saving) return;
    setSaving(true);
    await onSaveNote(note);
    setSaving(false);
  }

  return (
    <li className="prep-item">
      {editing ? (
        <EditQuestion
          id={ids.edit}
          number={number}
          question={item.question}
          onCancel={() => setEditing(false)}
          onSave={async (question) => {
            if (await onSaveQuestion(question)) setEditing(false);
          }}
        />
      ) : (
        <h3 className="prep-question" id={ids.question}>
          {item.question}
        </h3>
      )}
      {item.why && <p className="question-why">Why ask: {item.why}</p>}
      {item.askedAbout && <p className="prep-asked">From your question “{item.askedAbout}”</p>}
      <div className="prep-note">
        <label htmlFor={ids.note}>My note</label>
        <textarea id={ids.note} rows={2} maxLength={4000} value={note} aria-describedby={ids.question} onChange={(event) => setNote(event.target.value)} onBlur={() => void saveNote()} />
        <p className="prep-note-print">{item.note}</p>
      </div>
      <div className="prep-item-controls" role="group" aria-label={`Question ${number} of ${count}`}>
        <button type="button" className="secondary" onClick={() => void saveNote()} aria-describedby={ids.question} aria-disabled={note === item.note}>
          {saving ? 'Saving…' : note === item.note && item.note ? 'Note saved' : 'Save note'}
        </button>
        {!editing && (
          <button type="button" className="secondary" onClick={() => setEditing(true)} aria-describedby={ids.question}>
            Edit question
          </button>
        )}
        <button id={ids.up} type="button" className="secondary" aria-describedby={ids.question} aria-disabled={number === 1} onClick={() => number > 1 && onMove(-1, ids.up)}>
          Move up
        </button>
        <button id={ids.down} type="button" className="secondary" aria-describedby={ids.question} aria-disabled={number === count} onClick={() => number < count && onMove(1, ids.down)}>
          Move down
        </button>
        <button type="button" className="secondary danger" aria-describedby={ids.question} onClick={onRemove}>
          Remove
        </button>
      </div>
    </li>
  );
}

function EditQuestion({ id, number, question, onSave, onCancel }: { id: string; number: number; question: string; onSave: (question: string) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState(question);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft.trim()) {
      setError('Type the question, or choose Cancel to keep it as it was.');
      return;
    }
    onSave(draft.trim());
  }
  return (
    <form className="prep-edit" onSubmit={submit} noValidate>
      <label htmlFor={id}>Question {number}</label>
      <input
        id={id}
        ref={input}
        value={draft}
        maxLength={1000}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => event.key === 'Escape' && onCancel()}
      />
      <div className="prep-edit-buttons">
        <button type="submit" className="primary">
          Save question
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function AddQuestionForm({ onAdd }: { onAdd: (question: string) => Promise<boolean> }) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const question = draft.trim();
    if (!question) {
      setError('Type a question first.');
      return;
    }
    setError(null);
    // Cleared at once, so a next question typed while this one is being saved is not wiped out;
    // if saving fails, the question comes back (unless something new was typed meanwhile).
    setDraft('');
    if (!(await onAdd(question))) setDraft((current) => current || question);
  }
  return (
    <form className="prep-add" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Add my own question</h2>
      <label htmlFor={`${id}-question`}>Your question</label>
      <div className="prep-add-row">
        <input
          id={`${id}-question`}
          value={draft}
          maxLength={1000}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" className="primary">
          Add question
        </button>
      </div>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

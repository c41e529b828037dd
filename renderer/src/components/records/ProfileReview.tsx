import { useId, useRef, useState } from 'react';
import type { CombinedProfile, FieldReview, ProfileConflict } from '../../../../core/records/combineProfiles';
import type { EditAction } from '../../useRecords';
import { FieldEditor } from './FieldEditor';

type OnEdit = (field: string, action: EditAction, value?: string) => Promise<string | null>;

/** What the records say about the person, field by field, to confirm or correct. */
export function ProfileReview({ profile, onEdit }: { profile: CombinedProfile; onEdit: OnEdit }) {
  const id = useId();
  // Fields removed in this visit: a removed field leaves the list, so its undo is kept here.
  const [removed, setRemoved] = useState<{ field: string; label: string }[]>([]);
  const [undoError, setUndoError] = useState<string | null>(null);
  const undoRemove = async (field: string) => {
    const failed = await onEdit(field, 'revert');
    setUndoError(failed);
    if (!failed) setRemoved((list) => list.filter((item) => item.field !== field));
  };
  return (
    <section className="records-review" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>What your records say</h2>
      {profile.conflicts.length > 0 && (
        <div className="records-conflicts" role="note" aria-label="Your records disagree" data-testid="records-conflicts">
          <ul>
            {profile.conflicts.map((conflict) => (
              <li key={conflict.field}>{conflictMessage(conflict)}</li>
            ))}
          </ul>
          <p>Check with your care team which is right, then confirm or edit the field below.</p>
        </div>
      )}
      {removed.length > 0 && (
        <ul className="records-removed" aria-label="Details you removed">
          {removed.map((item) => (
            <li key={item.field}>
              You removed {item.label}; Cairn will ignore it in your records.{' '}
              <button aria-label={`Undo removing ${item.label}`} type="button" className="secondary" onClick={() => void undoRemove(item.field)}>
                Undo
              </button>
            </li>
          ))}
        </ul>
      )}
      {undoError && (
        <p role="alert" className="field-error">
          {undoError}
        </p>
      )}
      {profile.fields.length === 0 ? (
        <p className="empty" data-testid="profile-empty">
          Nothing yet. Add a record above and Cairn will list what it finds, with where each detail comes from.
        </p>
      ) : (
        <>
          <p>
            Cairn read these from your records. Check each one: confirm it when it is right, or edit it. Your
            changes always win over what later records say.
          </p>
          <ul className="records-fields">
            {profile.fields.map((field) => (
              <FieldRow
                key={field.field}
                field={field}
                onEdit={onEdit}
                onRemoved={() => setRemoved((list) => [...list.filter((item) => item.field !== field.field), { field: field.field, label: field.label }])}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** "Your records disagree on stage: using IV from note.txt, 2026-01-15 (newest); path.txt says IIIB." */
export function conflictMessage(conflict: ProfileConflict): string {
  const name = conflict.label.charAt(0).toLowerCase() + conflict.label.slice(1);
  const from = (file: string, date?: string) => (date ? `${file}, ${date}` : file);
  const others = conflict.others.map((other) => `${from(other.file, other.recordDate)} says ${other.value}`).join('; ');
  return `Your records disagree on ${name}: using ${conflict.chosen.value} from ${from(conflict.chosen.file, conflict.chosen.recordDate)} (newest); ${others}.`;
}

export function sourceText(field: FieldReview): string {
  if (field.source === 'person') return 'you';
  const file = field.evidence[0]?.file;
  const where = file ? `from ${file}` : 'from your records';
  return field.recordDate ? `${where}, ${field.recordDate}` : where;
}

function FieldRow({ field, onEdit, onRemoved }: { field: FieldReview; onEdit: OnEdit; onRemoved: () => void }) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);

  const act = async (action: EditAction) => {
    setBusy(true);
    setError(null);
    const failed = await onEdit(field.field, action);
    if (action === 'remove' && !failed) return onRemoved();
    setBusy(false);
    if (failed) setError(failed);
  };
  const canUndo = field.source === 'person' || field.confirmed;

  return (
    <li className="records-field" aria-labelledby={`${id}-label`} data-testid={`field-${field.field}`}>
      <div className="records-field-head">
        <h3 id={`${id}-label`} className="records-field-label">
          {field.label}
        </h3>
        <span className="records-field-value" data-testid="field-value">
          {field.value}
        </span>
      </div>
      <p className="records-field-meta">
        <span data-testid="field-source">Source: {sourceText(field)}</span>
        {' · '}
        <span className={field.confirmed ? 'records-checked' : 'records-unchecked'} data-testid="field-checked">
          {field.confirmed ? '✓ Checked' : 'Not checked yet'}
        </span>
      </p>
      {field.evidence.length > 0 && (
        <details className="records-evidence">
          <summary>Show where this comes from</summary>
          <ul>
            {field.evidence.map((item, index) => (
              <li key={index}>
                <blockquote>{item.text}</blockquote>
                <p className="records-evidence-where">
                  {item.file}
                  {item.page ? `, page ${item.page}` : ''}
                </p>
              </li>
            ))}
          </ul>
        </details>
      )}
      {editing ? (
        <FieldEditor
          field={field.field}
          label={field.label}
          value={field.value}
          onSave={async (value) => {
            const failed = await onEdit(field.field, 'set', value);
            if (!failed) {
              setEditing(false);
              requestAnimationFrame(() => editButton.current?.focus());
            }
            return failed;
          }}
          onCancel={() => {
            setEditing(false);
            requestAnimationFrame(() => editButton.current?.focus());
          }}
        />
      ) : (
        <div className="records-actions" role="group" aria-label={`Actions for ${field.label}`}>
          {!field.confirmed && (
            <button aria-label={`Confirm ${field.label}`} type="button" className="secondary" disabled={busy} onClick={() => void act('confirm')}>
              Confirm
            </button>
          )}
          <button aria-label={`Edit ${field.label}`} ref={editButton} type="button" className="secondary" disabled={busy} onClick={() => setEditing(true)}>
            Edit
          </button>
          <button aria-label={`Remove ${field.label}`} type="button" className="secondary" disabled={busy} onClick={() => void act('remove')}>
            Remove
          </button>
          {canUndo && (
            <button aria-label={`Undo my change to ${field.label}`} type="button" className="secondary" disabled={busy} onClick={() => void act('revert')}>
              Undo my change
            </button>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </li>
  );
}

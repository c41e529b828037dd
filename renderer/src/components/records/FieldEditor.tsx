import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

/** How to write a field's value (the short forms core accepts). */
export function fieldHint(field: string): string {
  const family = field.split('.')[0];
  switch (family) {
    case 'cancerType':
      return 'The cancer type, such as melanoma or breast cancer.';
    case 'stage':
      return 'The stage group, such as IIIB or IV.';
    case 'metastatic':
      return 'Write "no", or "yes" with the places, such as "yes: liver, bone".';
    case 'performanceStatus':
      return 'Such as "ECOG 1" (0 to 4) or "Karnofsky 80".';
    case 'biomarkers':
      return 'positive, negative, equivocal or unknown, then any detail, such as "positive V600E".';
    case 'treatments':
      return 'The date it started, such as 2026-03-01 (year-month-day).';
    case 'keyDates':
      return 'The date, such as 2025-11-02 (year-month-day).';
    default:
      return 'The new value.';
  }
}

/** The value to start editing from: the shown value in the short form core reads back. */
export function editStart(field: string, value: string): string {
  const family = field.split('.')[0];
  if (family === 'treatments') return /\d{4}-\d{2}-\d{2}/.exec(value)?.[0] ?? '';
  if (family === 'cancerType') return value.replace(/\s*\(.*\)\s*$/, '');
  return value.replace(/\s*\(([^)]*)\)/g, ' $1').trim();
}

/** An inline form that sets one field to a value the person types; shows core's error when it is refused. */
export function FieldEditor({
  field,
  label,
  value,
  onSave,
  onCancel,
}: {
  field: string;
  label: string;
  value: string;
  onSave: (value: string) => Promise<string | null>;
  onCancel: () => void;
}) {
  const id = useId();
  const [text, setText] = useState(() => editStart(field, value));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLInputElement>(null);

  useEffect(() => box.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setError(`Type the new ${label.toLowerCase()}, or press Cancel.`);
    setBusy(true);
    const failed = await onSave(text.trim());
    setBusy(false);
    if (failed) setError(failed);
  };

  return (
    <form className="records-edit" onSubmit={(event) => void submit(event)} noValidate>
      <label htmlFor={`${id}-value`}>New value for {label}</label>
      <p id={`${id}-hint`} className="records-hint">
        {fieldHint(field)}
      </p>
      <div className="records-edit-row">
        <input
          ref={box}
          id={`${id}-value`}
          type="text"
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          aria-invalid={error ? true : undefined}
          onKeyDown={(event) => {
            if (event.key === 'Escape') onCancel();
          }}
        />
        <button type="submit" className="primary" disabled={busy}>
          Save
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="field-error">
          {error} Change the value and save again, or press Cancel.
        </p>
      )}
    </form>
  );
}

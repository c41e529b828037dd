import { useEffect, useId, useRef, useState } from 'react';

/** "Delete all my data", behind an explanation and a checkbox the person has to tick. */
export function DeleteEverything({ onDeleteAll }: { onDeleteAll: () => Promise<string | null> }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [sure, setSure] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLInputElement>(null);
  const start = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) box.current?.focus();
  }, [open]);

  return (
    <section className="records-delete-all" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Delete all my data</h2>
      {!open ? (
        <button ref={start} type="button" className="secondary danger-outline" onClick={() => setOpen(true)}>
          Delete all my data…
        </button>
      ) : (
        <div className="records-danger" role="group" aria-labelledby={`${id}-title`} aria-describedby={`${id}-what`}>
          <p id={`${id}-what`}>
            This deletes, from this computer: all your record files, your profile and your changes to it, your
            answers history, your appointment list, and the key that protects them. It cannot be undone. The
            guideline library stays.
          </p>
          <div className="records-check">
            <input ref={box} id={`${id}-sure`} type="checkbox" checked={sure} onChange={(event) => setSure(event.target.checked)} />
            <label htmlFor={`${id}-sure`}>I understand that everything above is deleted for good</label>
          </div>
          <button
            type="button"
            className="primary danger"
            disabled={!sure || busy}
            onClick={async () => {
              setBusy(true);
              setError(null);
              const failed = await onDeleteAll();
              setBusy(false);
              if (failed) setError(failed);
            }}
          >
            {busy ? 'Deleting…' : 'Delete everything'}
          </button>{' '}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setOpen(false);
              setSure(false);
              requestAnimationFrame(() => start.current?.focus());
            }}
          >
            Cancel
          </button>
          {error && (
            <p role="alert" className="field-error">
              Could not delete your data: {error} Close Cairn, start it again and try once more.
            </p>
          )}
        </div>
      )}
    </section>
  );
}

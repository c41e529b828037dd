import { useId, useRef, useState, type DragEvent } from 'react';
import type { UploadItem } from '../../useRecords';

export const RECORD_ACCEPT = '.pdf,.png,.jpg,.jpeg,.txt,.json,.xml';

/** Picks or takes dropped record files, and shows how reading each one goes. */
export function RecordUpload({ uploads, onFiles }: { uploads: UploadItem[]; onFiles: (files: File[]) => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const busy = uploads.some((item) => item.state === 'reading' || item.state === 'waiting');

  const take = (list: FileList | null) => {
    const files = list ? Array.from(list) : [];
    if (files.length) onFiles(files);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    take(event.dataTransfer.files);
  };

  return (
    <section className="records-upload" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Add records</h2>
      <div
        className={over ? 'records-drop records-drop-over' : 'records-drop'}
        data-testid="records-drop"
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <label htmlFor={`${id}-file`}>Choose record files to add</label>
        <p id={`${id}-hint`} className="records-hint">
          Or drop them here. PDF, photos or scans (PNG, JPG), text, and health record exports (FHIR JSON, C-CDA XML).
          Scans take a few seconds each to read.
        </p>
        <input
          ref={input}
          id={`${id}-file`}
          type="file"
          multiple
          accept={RECORD_ACCEPT}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            take(event.target.files);
            event.target.value = '';
          }}
        />
      </div>
      <ul className="records-uploads" aria-live="polite" aria-busy={busy} data-testid="records-uploads">
        {uploads.map((item) => (
          <li key={item.key} className={`records-upload-${item.state}`}>
            {item.state === 'waiting' && <>Waiting to read {item.name}</>}
            {item.state === 'reading' && (
              <>
                <span>Reading {item.name}…</span> <progress className="records-progress" aria-label={`Reading ${item.name}`} />
              </>
            )}
            {item.state === 'done' && (
              <>
                <strong>{item.name}:</strong> {item.message}
              </>
            )}
            {item.state === 'error' && (
              <span role="alert">
                <strong>Could not add {item.name}.</strong> {item.message}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

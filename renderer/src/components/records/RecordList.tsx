import { useEffect, useId, useRef, useState } from 'react';
import type { RecordSummary } from '../../../../core/records/store/recordsRepository';

const KINDS: Record<RecordSummary['format'], string> = {
  pdf: 'PDF',
  image: 'Scan or photo',
  text: 'Text',
  fhir: 'Health record export (FHIR)',
  ccda: 'Health record export (C-CDA)',
};

export function formatDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** The record files added, each with a delete that asks first. */
export function RecordList({ records, onRemove }: { records: RecordSummary[]; onRemove: (id: number) => Promise<string | null> }) {
  const id = useId();
  return (
    <section className="records-list" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Your record files</h2>
      {records.length === 0 ? (
        <p className="empty" data-testid="records-empty">
          No records added yet.
        </p>
      ) : (
        <table className="documents records-table">
          <caption className="visually-hidden">Record files on this computer</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Kind</th>
              <th scope="col">Dated</th>
              <th scope="col">Added</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {records.map((record) => (
              <RecordRow key={record.id} record={record} onRemove={onRemove} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RecordRow({ record, onRemove }: { record: RecordSummary; onRemove: (id: number) => Promise<string | null> }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  const start = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);

  return (
    <tr>
      <th scope="row" className="records-file">
        {record.fileName}
      </th>
      <td>{KINDS[record.format]}</td>
      <td>{record.recordDate ?? 'No date found'}</td>
      <td>{formatDay(record.importedAt)}</td>
      <td>
        {asking ? (
          <div role="group" aria-label={`Delete ${record.fileName}?`} className="records-confirm">
            <p>Delete {record.fileName}? What Cairn found in it leaves your profile too.</p>
            <button
              ref={confirm}
              type="button"
              className="primary danger"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                const failed = await onRemove(record.id);
                setBusy(false);
                if (failed) setError(failed);
              }}
            >
              Yes, delete it
            </button>{' '}
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setAsking(false);
                setError(null);
                requestAnimationFrame(() => start.current?.focus());
              }}
            >
              Keep it
            </button>
          </div>
        ) : (
          <button aria-label={`Delete ${record.fileName}`} ref={start} type="button" className="secondary" onClick={() => setAsking(true)}>
            Delete
          </button>
        )}
        {error && (
          <p role="alert" className="field-error">
            Could not delete {record.fileName}: {error}
          </p>
        )}
      </td>
    </tr>
  );
}

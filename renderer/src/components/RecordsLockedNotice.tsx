import { useId, useState, type FormEvent } from 'react';
import type { CairnApi } from '../../../core/api/contract';
import type { RecordsStatus } from '../../../core/records/recordsSession';
import '../screens/PrepHistory.css';

export interface RecordsLockedNoticeProps {
  api: CairnApi;
  /** What `records/status` said; null when it could not be read. */
  status: RecordsStatus | null;
  /** What is kept with the records, for the explanation: "Your appointment list", "Your past answers". */
  what: string;
  /** Called once the records are open. */
  onOpened: (status: RecordsStatus) => void;
}

/**
 * Explains that personal things (the appointment list, past answers) are kept encrypted with the
 * person's records, and opens them: with a passphrase when core needs one, else with one button
 * (the computer's keychain keeps the key).
 */
export function RecordsLockedNotice({ api, status, what, onOpened }: RecordsLockedNoticeProps) {
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsPassphrase = status?.needsPassphrase ?? false;
  const creating = status !== null && !status.exists;

  async function open(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (needsPassphrase && !passphrase) {
      setError(creating ? 'Choose a passphrase first: at least 8 characters.' : 'Type your passphrase first.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const opened = await api.invoke('records/unlock', needsPassphrase ? { passphrase } : {});
      setPassphrase('');
      onOpened(opened);
    } catch (caught) {
      setError(openError(caught, creating));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="records-locked" aria-labelledby={`${id}-heading`} data-testid="records-locked">
      <h2 id={`${id}-heading`}>Your records are locked</h2>
      <p>
        {what} is personal, so Cairn keeps it encrypted with your records on this computer. Open your records to see it and
        change it. Nothing leaves this computer.
      </p>
      {status?.keychainWarning && <p className="hint">{status.keychainWarning}</p>}
      <form className="records-open" onSubmit={open} noValidate>
        {needsPassphrase && (
          <>
            <label htmlFor={`${id}-passphrase`}>{creating ? 'Choose a passphrase for your records' : 'Your records passphrase'}</label>
            <p className="hint" id={`${id}-hint`}>
              {creating
                ? 'At least 8 characters. You will need it each time you open your records here; Cairn cannot recover it.'
                : 'The passphrase you chose when you first opened your records.'}
            </p>
            <input
              id={`${id}-passphrase`}
              type="password"
              autoComplete={creating ? 'new-password' : 'current-password'}
              value={passphrase}
              aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
              aria-invalid={error ? true : undefined}
              onChange={(event) => setPassphrase(event.target.value)}
            />
          </>
        )}
        <div>
          <button type="submit" className="primary" aria-disabled={busy}>
            {busy ? 'Opening…' : 'Open my records'}
          </button>
        </div>
        {error && (
          <p className="field-error" id={`${id}-error`} role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}

function openError(caught: unknown, creating: boolean): string {
  const code = (caught as { code?: unknown } | null)?.code;
  const message = caught instanceof Error ? caught.message : String(caught);
  if (code === 'WRONG_PASSPHRASE') return 'That passphrase did not open your records. Check it (capital letters count) and try again.';
  if (code === 'INVALID_INPUT' && creating) return message;
  return `Your records could not be opened: ${message} Try again; if it keeps happening, restart Cairn.`;
}

import { useId, useState, type FormEvent } from 'react';
import type { RecordsStatus } from '../../../../core/records/recordsSession';

/** Opens (or sets up) the encrypted records: with the keychain, or with the person's passphrase. */
export function UnlockRecords({ status, onUnlock }: { status: RecordsStatus; onUnlock: (passphrase?: string) => Promise<string | null> }) {
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const creating = !status.exists;

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (status.needsPassphrase) {
      if (!passphrase) return setError('Type your passphrase first.');
      if (creating && passphrase.length < 8) return setError('Choose a passphrase of at least 8 characters.');
      if (creating && passphrase !== again) return setError('The two passphrases are not the same. Type the same passphrase in both boxes.');
    }
    setBusy(true);
    setError(null);
    const failed = await onUnlock(status.needsPassphrase ? passphrase : undefined);
    setBusy(false);
    if (failed) setError(failed);
  };

  return (
    <section className="records-unlock" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{creating ? 'Set up your records' : 'Your records are locked'}</h2>
      <p>
        Your medical records are encrypted and kept only on this computer. Cairn never sends them
        anywhere.{' '}
        {status.needsPassphrase
          ? creating
            ? 'Choose a passphrase to protect them. Cairn cannot recover it for you, so keep it somewhere safe.'
            : 'Type your passphrase to open them.'
          : `The key is kept in this computer's keychain${status.keychain ? ` (${status.keychain})` : ''}.`}
      </p>
      {status.keychainWarning && (
        <p className="records-warning" data-testid="keychain-warning">
          {status.keychainWarning}
        </p>
      )}
      {status.needsPassphrase ? (
        <form className="records-form" onSubmit={(event) => void submit(event)} noValidate>
          <label htmlFor={`${id}-pass`}>{creating ? 'Choose a passphrase' : 'Passphrase'}</label>
          <input
            id={`${id}-pass`}
            type="password"
            autoComplete={creating ? 'new-password' : 'current-password'}
            value={passphrase}
            onChange={(event) => setPassphrase(event.target.value)}
            aria-describedby={creating ? `${id}-hint` : undefined}
            aria-invalid={error ? true : undefined}
          />
          {creating && (
            <>
              <p id={`${id}-hint`} className="records-hint">At least 8 characters. A few unrelated words are easy to remember and hard to guess.</p>
              <label htmlFor={`${id}-again`}>Type the passphrase again</label>
              <input
                id={`${id}-again`}
                type="password"
                autoComplete="new-password"
                value={again}
                onChange={(event) => setAgain(event.target.value)}
                aria-invalid={error ? true : undefined}
              />
            </>
          )}
          <div>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Opening…' : creating ? 'Protect and open my records' : 'Open my records'}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>
          {busy ? 'Opening…' : 'Open my records'}
        </button>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </section>
  );
}

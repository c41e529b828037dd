import type { AppStatus } from '../../../../core/types';
import type { Loadable } from '../../useCairnData';

/** Where Cairn keeps everything, and what each part is. */
export function DataLocationPanel({ status }: { status: Loadable<AppStatus> }) {
  return (
    <section className="ls-panel" aria-labelledby="data-heading">
      <h2 id="data-heading">Data location</h2>
      {status.state === 'loading' && <p>Loading…</p>}
      {status.state === 'error' && (
        <p role="alert" className="error">
          Could not read where Cairn keeps its data: {status.message}
        </p>
      )}
      {status.state === 'ready' && (
        <>
          <p>Everything Cairn keeps is in one folder on this computer:</p>
          <p className="ls-path" data-testid="settings-data-dir">
            {status.value.dataDir}
          </p>
          <ul className="ls-contents">
            <li>
              <code>cairn.db</code>: your guideline library and search index, settings, and the list of network requests.
            </li>
            <li>
              <code>records.db</code> and <code>records-key.json</code>: your medical records and what Cairn found in them,
              encrypted. The key is itself locked by your passphrase or your computer's keychain.
            </li>
            <li>
              <code>imports</code>: copies of the guideline files you imported.
            </li>
            <li>
              <code>models</code>: the models you downloaded or imported.
            </li>
          </ul>
          <p className="ls-hint">To move Cairn to another computer, copy this folder while Cairn is closed.</p>
        </>
      )}
    </section>
  );
}

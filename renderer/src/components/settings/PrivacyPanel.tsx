import { useEffect, useState } from 'react';
import type { CairnApi } from '../../../../core/api/contract';
import type { NetworkLogEntry } from '../../../../core/privacy/networkLog';
import type { Loadable } from '../../useCairnData';
import { messageOf } from '../../useTask';
import { formatTime } from './format';

/** Every network request Cairn made or refused, newest first. Expected: none, or the model downloads you started. */
export function PrivacyPanel({ api, generation }: { api: CairnApi; generation: number }) {
  const [requests, setRequests] = useState<Loadable<NetworkLogEntry[]>>({ state: 'loading' });
  const [refreshes, setRefreshes] = useState(0);

  useEffect(() => {
    let live = true;
    api.invoke('privacy/requests').then(
      (value) => live && setRequests({ state: 'ready', value: [...value].reverse() }),
      (error: unknown) => live && setRequests({ state: 'error', message: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [api, generation, refreshes]);

  return (
    <section className="ls-panel" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">Privacy: network requests</h2>
      <p>
        Cairn works offline. It uses the network only to download a model when you ask it to. Every request it makes, or
        refuses, is listed here.
      </p>
      {requests.state === 'loading' && <p>Loading…</p>}
      {requests.state === 'error' && (
        <p role="alert" className="error">
          Could not read the list of requests: {requests.message} Try Refresh.
        </p>
      )}
      {requests.state === 'ready' && requests.value.length === 0 && (
        <p className="empty" data-testid="privacy-empty">
          Cairn has not made any network request.
        </p>
      )}
      {requests.state === 'ready' && requests.value.length > 0 && (
        <ul className="ls-cards" data-testid="privacy-requests" aria-label="Network requests, newest first">
          {requests.value.map((entry, index) => (
            <li key={`${entry.at}-${index}`} className="ls-card">
              <p className="ls-card-title">
                <span className={entry.outcome === 'sent' ? 'ls-outcome-sent' : 'ls-outcome-blocked'}>{entry.outcome === 'sent' ? 'Sent' : 'Blocked'}</span>
                {' · '}
                {entry.purpose}
              </p>
              <p className="ls-doc-meta">
                <time dateTime={entry.at}>{formatTime(entry.at)}</time>
              </p>
              <p className="ls-path">{entry.url}</p>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="secondary" onClick={() => setRefreshes((n) => n + 1)}>
        Refresh the list
      </button>
    </section>
  );
}

import { useCallback, useEffect, useId, useState } from 'react';
import type { CairnApi } from '../../../core/api/contract';
import type { ModelsListing } from '../../../core/models/listing';
import type { AppStatus } from '../../../core/types';
import { ModelsPanel } from '../components/settings/ModelsPanel';
import { formatApproxMB } from '../components/settings/format';
import type { Loadable } from '../useCairnData';
import { messageOf } from '../useTask';
import './LibrarySettings.css';
import './WelcomeScreen.css';

/**
 * First run: what stays on this computer, what is installed (the built-in pack, the search model, an
 * answer model or none), and the recommended model to download or a model file to import (the
 * Settings screen's Models panel, with its progress and Cancel). Cairn works without a model, in
 * extractive mode. Shown above the Ask screen until "Start using Cairn".
 */
export function WelcomeScreen({ api, status, onStart }: { api: CairnApi; status: Loadable<AppStatus>; onStart: () => void }) {
  const headingId = useId();
  const [listing, setListing] = useState<Loadable<ModelsListing>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  // After a download or import ends, the "Answer model" line is read again.
  const refresh = useCallback(() => setGeneration((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    api.invoke('models/list').then(
      (value) => live && setListing({ state: 'ready', value }),
      (error: unknown) => live && setListing({ state: 'error', message: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [api, generation]);

  const models = listing.state === 'ready' ? listing.value : null;
  const active = models?.installed.find((model) => model.active) ?? null;
  const recommended = models?.catalog.find((row) => row.kind === 'chat' && row.default) ?? null;

  return (
    <section className="welcome" aria-labelledby={headingId} data-testid="welcome">
      <h2 id={headingId}>Welcome to Cairn</h2>
      <p>
        Cairn answers questions about cancer from trusted guidelines, and it runs entirely on this computer.
      </p>

      <h3>What stays on this computer</h3>
      <ul className="welcome-list" data-testid="welcome-privacy">
        <li>Your questions, your records and the answers stay on this computer. Nothing is sent anywhere.</li>
        <li>The only time Cairn uses the network is a model download that you start yourself.</li>
      </ul>

      <h3>What is installed</h3>
      <dl className="welcome-facts">
        <dt>Built-in guideline pack</dt>
        <dd data-testid="welcome-pack">{packLine(status)}</dd>
        <dt>Search model</dt>
        <dd data-testid="welcome-embedder">{embedderLine(status)}</dd>
        <dt>Answer model</dt>
        <dd data-testid="welcome-model">
          {listing.state === 'loading' && 'Checking…'}
          {listing.state === 'error' && `Cairn could not list the models (${listing.message}). Cairn still answers in extractive mode.`}
          {listing.state === 'ready' &&
            (active ? (
              <>
                <strong>{active.name}</strong> writes the answers, on this computer.
              </>
            ) : (
              'None. Cairn answers in extractive mode, with sentences from the guidelines, each cited.'
            ))}
        </dd>
      </dl>

      <h3>An answer model is optional</h3>
      <p>
        Cairn works without one. With a model, it writes answers in plain words; the model runs on this computer too.
      </p>
      {recommended && !recommended.installed && (
        <p data-testid="welcome-recommended">
          Recommended: <strong>{recommended.name}</strong>, a download of {formatApproxMB(recommended.approxSizeMB)}, needs about{' '}
          {recommended.ramGB} GB of memory. Download it below, or import a model file you already have.
        </p>
      )}
      <p className="ls-hint" data-testid="welcome-resume">
        You can cancel a download at any time. The part already downloaded is kept: start the same download again and it
        continues where it stopped.
      </p>
      {/* Shown once the models are known, so a failing list does not raise a second alert. */}
      {models && <ModelsPanel api={api} onNetworkUse={refresh} />}

      <div className="welcome-actions">
        <button type="button" className="primary" onClick={onStart}>
          Start using Cairn
        </button>
        <span className="ls-hint">You can change models later in Settings.</span>
      </div>
    </section>
  );
}

function packLine(status: Loadable<AppStatus>): string {
  if (status.state === 'loading') return 'Checking…';
  if (status.state === 'error') return 'Cairn could not read its status.';
  const { builtInDocuments, documents, chunks } = status.value.library;
  if (builtInDocuments === 0) {
    return documents === 0
      ? 'Not installed. Add guidelines in the Library.'
      : `Not installed. Your library holds ${plural(documents, 'document')} (${plural(chunks, 'passage')}).`;
  }
  return `Installed: ${plural(builtInDocuments, 'document')}. Your library holds ${plural(documents, 'document')} in all (${plural(chunks, 'passage')}).`;
}

function embedderLine(status: Loadable<AppStatus>): string {
  if (status.state === 'loading') return 'Checking…';
  if (status.state === 'error') return 'Cairn could not read its status.';
  const index = status.value.vectorIndex;
  return index
    ? `${index.embedderId}, ${index.dims} dimensions. It finds the passages for an answer, on this computer.`
    : 'Built in. It indexes the guidelines on this computer when they are added.';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

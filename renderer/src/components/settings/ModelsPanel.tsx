import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { CairnApi, ModelTaskEvent } from '../../../../core/api/contract';
import type { CatalogRow, ModelsListing } from '../../../../core/models/listing';
import type { Loadable } from '../../useCairnData';
import { messageOf, useTask, type TaskState } from '../../useTask';
import type { InstalledModel } from '../../../../core/models/registry';
import { formatApproxMB, formatBytes } from './format';

type Installed = ModelsListing['installed'][number];
type Confirming = { action: 'remove'; id: string } | { action: 'unverified'; id: string } | null;

/** Models: what Cairn can download, what is installed and which one answers; download, import, use, remove. */
export function ModelsPanel({ api, onNetworkUse }: { api: CairnApi; onNetworkUse: () => void }) {
  const [listing, setListing] = useState<Loadable<ModelsListing>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [busy, setBusy] = useState(false);
  const [working, setWorking] = useState<{ kind: 'download' | 'import'; name: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const importId = useId();
  const importHintId = useId();

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

  const onFinish = (state: TaskState<ModelTaskEvent, InstalledModel>) => {
    if (state.phase === 'done') setNotice({ kind: 'ok', text: `${state.result.name} is installed.` });
    else if (state.phase === 'cancelled') setNotice({ kind: 'ok', text: 'Stopped. A partial download is kept and resumes next time.' });
    else if (state.phase === 'failed') setNotice({ kind: 'error', text: `${state.message} Check the file or your connection and try again.` });
    setWorking(null);
    refresh();
    onNetworkUse();
  };
  const task = useTask(api, 'models', { onFinish });

  const download = (row: CatalogRow, allowUnverified: boolean) => {
    setConfirming(null);
    setNotice(null);
    setWorking({ kind: 'download', name: row.name });
    task.start(() => api.invoke('models/download', { id: row.id, ...(allowUnverified ? { allowUnverified: true } : {}) }));
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setNotice(null);
    if (fileInput.current) fileInput.current.value = '';
    if (!file.name.toLowerCase().endsWith('.gguf')) {
      setNotice({ kind: 'error', text: `${file.name} is not a GGUF model file. Choose a file whose name ends in .gguf.` });
      return;
    }
    let path: string;
    try {
      path = await api.pathForFile(file);
    } catch (error) {
      setNotice({ kind: 'error', text: `Could not open ${file.name}: ${messageOf(error)} Try choosing it again.` });
      return;
    }
    setWorking({ kind: 'import', name: file.name });
    task.start(() => api.invoke('models/import', { path }));
  };

  const act = async (run: () => Promise<string>) => {
    setBusy(true);
    try {
      setNotice({ kind: 'ok', text: await run() });
    } catch (error) {
      setNotice({ kind: 'error', text: `${messageOf(error)} Try again.` });
    } finally {
      setBusy(false);
      setConfirming(null);
      refresh();
    }
  };
  const use = (model: Installed) =>
    act(async () => {
      await api.invoke('models/use', { id: model.id });
      return `${model.name} now writes the answers.`;
    });
  const remove = (model: Installed) =>
    act(async () => {
      const result = await api.invoke('models/remove', { id: model.id });
      return result.deletedFile ? `Removed ${model.name} and deleted its file.` : `Removed ${model.name}. Its file was outside Cairn's data folder, so it was left where it is.`;
    });

  const disabled = task.running || busy;
  const value = listing.state === 'ready' ? listing.value : null;
  const active = value?.installed.find((model) => model.active) ?? null;
  const toInstall = value?.catalog.filter((row) => !row.installed) ?? [];

  return (
    <section className="ls-panel" aria-labelledby="models-heading">
      <h2 id="models-heading">Models</h2>
      <p>
        Cairn works without a model: it then answers in <strong>extractive mode</strong>, quoting the most relevant
        passages of your guidelines. With a model, it writes answers in plain words. Models run on this computer; nothing
        you ask leaves it.
      </p>
      {listing.state === 'loading' && <p>Loading the models…</p>}
      {listing.state === 'error' && (
        <p role="alert" className="error">
          Could not list the models: {listing.message} Close Cairn and start it again.
        </p>
      )}
      {value && (
        <p data-testid="models-active">
          {active ? (
            <>
              Answers are written by <strong>{active.name}</strong>.
            </>
          ) : (
            'No model is in use: answers are extractive.'
          )}
        </p>
      )}

      <p role="status" className={notice?.kind === 'ok' ? 'ls-notice' : 'visually-hidden'} data-testid="models-notice">
        {notice?.kind === 'ok' ? notice.text : ''}
      </p>
      {notice?.kind === 'error' && (
        <p role="alert" className="error">
          {notice.text}
        </p>
      )}

      {value && value.installed.length > 0 && (
        <>
          <h3>Installed</h3>
          <ul className="ls-cards" data-testid="models-installed">
            {value.installed.map((model) => (
              <li key={model.id} className="ls-card">
                <p className="ls-card-title">
                  {model.name}
                  {model.active && <span className="badge"> in use</span>}
                </p>
                <p className="ls-doc-meta">
                  {model.kind === 'chat' ? 'Writes answers' : 'Search model'} · {formatBytes(model.sizeBytes)} ·{' '}
                  {model.source === 'download' ? 'downloaded' : 'imported'}
                  {model.architecture ? ` · ${model.architecture}` : ''}
                </p>
                {confirming?.action === 'remove' && confirming.id === model.id ? (
                  <Confirm
                    label={`Remove ${model.name}?`}
                    text={`Remove ${model.name}? ${model.active ? 'Answers will be extractive until you choose another model. ' : ''}A downloaded model has to be downloaded again to use it later.`}
                    yes="Yes, remove it"
                    no="Keep it"
                    busy={busy}
                    onYes={() => void remove(model)}
                    onNo={() => setConfirming(null)}
                  />
                ) : (
                  <div className="ls-actions">
                    {model.kind === 'chat' && !model.active && (
                      <button type="button" className="primary" disabled={disabled} aria-label={`Use ${model.name}`} onClick={() => void use(model)}>
                        Use
                      </button>
                    )}
                    <button type="button" className="secondary" disabled={disabled} aria-label={`Remove ${model.name}`} onClick={() => setConfirming({ action: 'remove', id: model.id })}>
                      Remove
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}

      {toInstall.length > 0 && (
        <>
          <h3>Recommended models to download</h3>
          <p className="ls-hint">
            A download is the only time Cairn uses the network; it is listed in the privacy panel below. Models come from
            huggingface.co.
          </p>
          <ul className="ls-cards" data-testid="models-catalog">
            {toInstall.map((row) => (
              <li key={row.id} className="ls-card">
                <p className="ls-card-title">
                  {row.name}
                  {row.default && <span className="badge"> recommended</span>}
                </p>
                <p className="ls-doc-meta">
                  {row.kind === 'chat' ? 'Writes answers' : 'Search model'} · {formatApproxMB(row.approxSizeMB)} · needs about {row.ramGB} GB of memory · license {row.license}
                </p>
                {!row.verified && (
                  <p className="ls-hint">
                    Cairn cannot check this download yet: its list of models has no checksum for this file, so Cairn cannot
                    confirm that the file is exactly the one published.
                  </p>
                )}
                {confirming?.action === 'unverified' && confirming.id === row.id ? (
                  <Confirm
                    label={`Download ${row.name} without a checksum?`}
                    text={`Download ${row.name} without a checksum? Cairn will check that the model loads before using it, but not that it is byte for byte the published file.`}
                    yes="Download without a checksum"
                    no="Don't download"
                    busy={disabled}
                    onYes={() => download(row, true)}
                    onNo={() => setConfirming(null)}
                  />
                ) : (
                  <div className="ls-actions">
                    <button
                      type="button"
                      className={row.verified ? 'primary' : 'secondary'}
                      disabled={disabled}
                      aria-label={`${row.verified ? 'Download' : 'Download without a checksum'}: ${row.name}`}
                      onClick={() => (row.verified ? download(row, false) : setConfirming({ action: 'unverified', id: row.id }))}
                    >
                      {row.verified ? 'Download' : 'Download without a checksum…'}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>Import a model file</h3>
      <div className="ls-drop">
        <label htmlFor={importId}>Choose a GGUF model file</label>
        <p id={importHintId} className="ls-hint">
          If you already have a model (a .gguf file), Cairn copies it into its data folder and checks that it loads.
        </p>
        <input
          ref={fileInput}
          id={importId}
          type="file"
          accept=".gguf"
          aria-describedby={importHintId}
          disabled={disabled}
          onChange={(event) => void importFile(event.target.files?.[0])}
        />
      </div>

      <div role="status" aria-live="polite" className="ls-live" data-testid="models-progress">
        {task.state.phase === 'running' && working && <ModelProgress working={working} latest={task.state.latest} cancelling={task.state.cancelling} />}
      </div>
      {task.running && (
        <button type="button" className="secondary" onClick={task.cancel} disabled={task.state.phase === 'running' && task.state.cancelling}>
          {task.state.phase === 'running' && task.state.cancelling ? 'Cancelling…' : working?.kind === 'import' ? 'Cancel import' : 'Cancel download'}
        </button>
      )}
    </section>
  );
}

function ModelProgress({ working, latest, cancelling }: { working: { kind: 'download' | 'import'; name: string }; latest: ModelTaskEvent | null; cancelling: boolean }) {
  if (cancelling) return <p>Stopping…</p>;
  if (latest?.type === 'download') {
    const { receivedBytes, totalBytes, fileIndex, fileCount } = latest.progress;
    return (
      <div className="ls-progress">
        <p className="ls-progress-line">
          Downloading {working.name}
          {fileCount > 1 ? ` (file ${fileIndex} of ${fileCount})` : ''}: {formatBytes(receivedBytes)}
          {totalBytes ? ` of ${formatBytes(totalBytes)}` : ''}
        </p>
        <progress className="ls-bar" aria-label="Download progress" max={totalBytes ?? undefined} value={totalBytes ? receivedBytes : undefined} />
      </div>
    );
  }
  if (latest?.type === 'import') {
    return (
      <div className="ls-progress">
        <p className="ls-progress-line">
          {working.name}: {latest.message}…
        </p>
        <progress className="ls-bar" aria-label="Import progress" />
      </div>
    );
  }
  return <p className="ls-progress-line">{working.kind === 'download' ? `Starting the download of ${working.name}…` : `Copying ${working.name}…`}</p>;
}

export function Confirm(props: { label: string; text: string; yes: string; no: string; busy: boolean; onYes: () => void; onNo: () => void }) {
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  return (
    <div role="group" aria-label={props.label} className="ls-confirm">
      <p>{props.text}</p>
      <button ref={yes} type="button" className="primary" disabled={props.busy} onClick={props.onYes}>
        {props.yes}
      </button>{' '}
      <button type="button" className="secondary" disabled={props.busy} onClick={props.onNo}>
        {props.no}
      </button>
    </div>
  );
}

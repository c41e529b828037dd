import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, dispatch, methodInputs, type CairnApi, type CairnHandlers, type LibraryTaskEvent, type ModelSnapshot, type ModelTaskEvent } from '../../core/api';
import type { ReindexResult } from '../../core/library/reindex';
import type { ModelsListing } from '../../core/models/listing';
import type { InstalledModel } from '../../core/models/registry';
import type { NetworkLogEntry } from '../../core/privacy/networkLog';
import type { AppStatus } from '../../core/types';
import { SettingsScreen } from '../../renderer/src/screens/SettingsScreen';
import { applySavedTextSize, TEXT_SIZE_KEY } from '../../renderer/src/textSize';
import { useCairnData } from '../../renderer/src/useCairnData';

const TASK_ID = '3f1c2a4e-8b7d-4c1e-9a2b-5d6e7f8a9b0c';

const status: AppStatus = {
  version: '0.1.0',
  dataDir: '/home/ada/.config/Cairn',
  databaseFile: '/home/ada/.config/Cairn/cairn.db',
  schemaVersion: 10,
  library: { documents: 2, builtInDocuments: 1, chunks: 57, embeddedChunks: 50 },
  vectorIndex: { embedderId: 'use-lite', dims: 512 },
};

function installed(id: string, name: string, extra: Partial<InstalledModel> = {}): InstalledModel {
  return { id, name, kind: 'chat', file: `/home/ada/.config/Cairn/models/${id}.gguf`, sizeBytes: 1_100_000_000, source: 'download', architecture: 'qwen2', contextLength: 32768, addedAt: '2026-11-21T10:00:00Z', ...extra };
}

/** Models, the network log and re-indexing held in memory behind the real dispatch; tasks are moved along by the test. */
function fakeCore(options: { requests?: NetworkLogEntry[] } = {}) {
  const core = {
    models: [installed('qwen', 'Qwen2.5 1.5B'), installed('mine', 'My own model', { source: 'import', sizeBytes: 2_000_000_000 })],
    active: 'qwen' as string | null,
    imports: [] as string[],
    modelEvents: [] as ModelTaskEvent[],
    modelState: 'running' as ModelSnapshot['state'],
    modelResult: null as InstalledModel | null,
    libraryEvents: [] as LibraryTaskEvent[],
    libraryState: 'running' as ModelSnapshot['state'],
    libraryResult: null as ReindexResult | null,
    libraryCancels: 0,
    requests: options.requests ?? [],
  };
  const listing = (): ModelsListing => ({
    catalog: [
      { id: 'llama', name: 'Llama 3.2 3B', kind: 'chat', default: false, approxSizeMB: 2000, ramGB: 4, contextLength: 8192, license: 'Llama 3.2 Community', verified: false, installed: false, active: false },
      { id: 'qwen', name: 'Qwen2.5 1.5B', kind: 'chat', default: true, approxSizeMB: 1100, ramGB: 3, contextLength: 32768, license: 'Apache-2.0', verified: false, installed: true, active: core.active === 'qwen' },
    ],
    installed: core.models.map((m) => ({ ...m, active: m.id === core.active, inCatalog: m.id === 'qwen' })),
    activeModel: core.active,
  });
  const notUsedHere = () => {
    throw new Error('not used by the Settings screen');
  };
  const handlers: CairnHandlers = {
    ...(Object.fromEntries(Object.keys(methodInputs).map((name) => [name, notUsedHere])) as unknown as CairnHandlers),
    'app/status': () => status,
    'library/list': () => [],
    'models/list': listing,
    'models/use': (input) => {
      core.active = input.id;
      return core.models.find((m) => m.id === input.id)!;
    },
    'models/remove': (input) => {
      const removed = core.models.find((m) => m.id === input.id)!;
      core.models = core.models.filter((m) => m.id !== input.id);
      if (core.active === input.id) core.active = null;
      return { removed, deletedFile: true };
    },
    'models/import': (input) => {
      core.imports.push(input.path);
      return { taskId: TASK_ID };
    },
    'models/poll': (input) => ({ taskId: input.taskId, state: core.modelState, events: core.modelEvents.slice(input.after), next: core.modelEvents.length, result: core.modelResult, error: null }),
    'models/cancel': () => ({ cancelled: true }),
    'privacy/requests': () => core.requests,
    'library/reindex': () => ({ taskId: TASK_ID }),
    'library/poll': (input) => ({ taskId: input.taskId, state: core.libraryState, events: core.libraryEvents.slice(input.after), next: core.libraryEvents.length, result: core.libraryResult, error: null }),
    'library/cancel': () => {
      core.libraryCancels += 1;
      return { cancelled: true };
    },
  };
  const api: CairnApi = createApiClient((name, input) => dispatch(handlers, name, input), (file) => Promise.resolve(`/tmp/uploads/${file.name}`));
  return { core, api };
}

function Settings({ api }: { api: CairnApi }) {
  const data = useCairnData(api);
  return <SettingsScreen api={api} data={data} />;
}

// Tasks are polled every 200 ms; leave room when the machine is busy.
configure({ asyncUtilTimeout: 4000 });

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
  document.documentElement.className = '';
});

describe('<SettingsScreen> models', () => {
  it('lists installed and downloadable models, says Cairn works without one, and switches and removes models', async () => {
    const user = userEvent.setup();
    const { core, api } = fakeCore();
    render(<Settings api={api} />);
    const models = screen.getByRole('region', { name: 'Models' });
    expect(models).toHaveTextContent('Cairn works without a model: it then answers in extractive mode');
    expect(await within(models).findByTestId('models-active')).toHaveTextContent('Answers are written by Qwen2.5 1.5B.');
    const installedList = within(models).getByTestId('models-installed');
    expect(within(installedList).getAllByRole('listitem')[0]).toHaveTextContent('Qwen2.5 1.5B in use');
    expect(within(installedList).getAllByRole('listitem')[1]).toHaveTextContent('My own model');
    expect(within(installedList).getAllByRole('listitem')[1]).toHaveTextContent('2.0 GB · imported');
    const catalog = within(models).getByTestId('models-catalog');
    expect(within(catalog).getAllByRole('listitem')).toHaveLength(1);
    expect(catalog).toHaveTextContent('Llama 3.2 3B');
    expect(catalog).toHaveTextContent('about 2.0 GB · needs about 4 GB of memory · license Llama 3.2 Community');
    expect(catalog).toHaveTextContent('no checksum');

    await user.click(within(models).getByRole('button', { name: 'Use My own model' }));
    expect(await within(models).findByTestId('models-notice')).toHaveTextContent('My own model now writes the answers.');
    expect(core.active).toBe('mine');
    await waitFor(() => expect(within(models).getByTestId('models-active')).toHaveTextContent('Answers are written by My own model.'));

    await user.click(within(models).getByRole('button', { name: 'Remove My own model' }));
    const confirm = within(models).getByRole('group', { name: 'Remove My own model?' });
    expect(confirm).toHaveTextContent('Answers will be extractive until you choose another model.');
    await user.click(within(confirm).getByRole('button', { name: 'Yes, remove it' }));
    await waitFor(() => expect(within(models).getByTestId('models-active')).toHaveTextContent('No model is in use: answers are extractive.'));
    expect(core.models.map((m) => m.id)).toEqual(['qwen']);
  });

  it('asks before downloading a model without a checksum', async () => {
    const user = userEvent.setup();
    const { api } = fakeCore();
    render(<Settings api={api} />);
    await user.click(await screen.findByRole('button', { name: 'Download without a checksum: Llama 3.2 3B' }));
    const confirm = screen.getByRole('group', { name: 'Download Llama 3.2 3B without a checksum?' });
    expect(confirm).toHaveTextContent('not that it is byte for byte the published file');
    await user.click(within(confirm).getByRole('button', { name: "Don't download" }));
    expect(screen.queryByRole('group', { name: /without a checksum/ })).not.toBeInTheDocument();
  });

  it('imports a .gguf file with progress, then lists it', async () => {
    const user = userEvent.setup();
    const { core, api } = fakeCore();
    render(<Settings api={api} />);
    await screen.findByTestId('models-active');
    core.modelEvents.push({ type: 'import', message: 'Checking that the model loads' });
    await user.upload(screen.getByLabelText('Choose a GGUF model file'), new File(['GGUF'], 'phi.gguf'));
    expect(core.imports).toEqual(['/tmp/uploads/phi.gguf']);
    await waitFor(() => expect(screen.getByTestId('models-progress')).toHaveTextContent('phi.gguf: Checking that the model loads…'));
    expect(screen.getByRole('button', { name: 'Cancel import' })).toBeEnabled();

    const phi = installed('phi', 'Phi', { source: 'import' });
    core.models.push(phi);
    core.modelResult = phi;
    core.modelState = 'done';
    expect(await screen.findByText('Phi is installed.')).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByTestId('models-installed')).getAllByRole('listitem')).toHaveLength(3));
    expect(screen.queryByRole('button', { name: 'Cancel import' })).not.toBeInTheDocument();
  });
});

describe('<SettingsScreen> privacy, data, index and text size', () => {
  it('says when Cairn has made no network request', async () => {
    const { api } = fakeCore();
    render(<Settings api={api} />);
    expect(await screen.findByTestId('privacy-empty')).toHaveTextContent('Cairn has not made any network request.');
    expect(await screen.findByTestId('settings-data-dir')).toHaveTextContent('/home/ada/.config/Cairn');
    expect(screen.getByRole('region', { name: 'Data location' })).toHaveTextContent('records.db');
  });

  it('lists each request with its time, purpose, URL and outcome', async () => {
    const { api } = fakeCore({
      requests: [
        { at: '2026-11-21T10:00:00Z', url: 'https://huggingface.co/Qwen/model.gguf', purpose: 'model download', outcome: 'sent' },
        { at: '2026-11-21T11:00:00Z', url: 'https://example.com/tracker.js', purpose: 'page script in an imported web page', outcome: 'blocked' },
      ],
    });
    render(<Settings api={api} />);
    const list = await screen.findByTestId('privacy-requests');
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Blocked · page script in an imported web page');
    expect(items[0]).toHaveTextContent('https://example.com/tracker.js');
    expect(items[1]).toHaveTextContent('Sent · model download');
    expect(items[1]).toHaveTextContent('https://huggingface.co/Qwen/model.gguf');
    expect(within(items[1]!).getByText(new Date('2026-11-21T10:00:00Z').toLocaleString())).toHaveAttribute('datetime', '2026-11-21T10:00:00Z');
    expect(screen.queryByTestId('privacy-empty')).not.toBeInTheDocument();
  });

  it('applies the text size to the root element and keeps it for next time', async () => {
    const user = userEvent.setup();
    const { api } = fakeCore();
    render(<Settings api={api} />);
    const group = screen.getByRole('group', { name: 'Size of the text everywhere in Cairn' });
    expect(within(group).getByRole('radio', { name: 'Normal (100%)' })).toBeChecked();
    await user.click(within(group).getByRole('radio', { name: 'Largest (150%)' }));
    expect(document.documentElement).toHaveClass('text-size-largest');
    expect(localStorage.getItem(TEXT_SIZE_KEY)).toBe('largest');
    await user.click(within(group).getByRole('radio', { name: 'Large (125%)' }));
    expect(document.documentElement).toHaveClass('text-size-large');
    expect(document.documentElement).not.toHaveClass('text-size-largest');

    document.documentElement.className = '';
    applySavedTextSize();
    expect(document.documentElement).toHaveClass('text-size-large');
  });

  it('re-indexes the library with progress and can cancel', async () => {
    const user = userEvent.setup();
    const { core, api } = fakeCore();
    render(<Settings api={api} />);
    await waitFor(() => expect(screen.getByTestId('settings-embedder')).toHaveTextContent('use-lite (512 dimensions)'));
    core.libraryEvents.push({ type: 'reindex', progress: { embedded: 32, total: 57 } });
    await user.click(screen.getByRole('button', { name: 'Re-index the library' }));
    await waitFor(() => expect(screen.getByTestId('reindex-status')).toHaveTextContent('Re-indexing: 32 of 57 passages'));
    expect(screen.getByRole('progressbar', { name: 'Re-index progress' })).toHaveAttribute('value', '32');
    await user.click(screen.getByRole('button', { name: 'Cancel re-index' }));
    expect(core.libraryCancels).toBe(1);
    core.libraryState = 'cancelled';
    await waitFor(() => expect(screen.getByTestId('reindex-status')).toHaveTextContent('Re-indexing stopped. What was done is kept'));

    core.libraryState = 'done';
    core.libraryResult = { embedderId: 'use-lite', rebuilt: false, embedded: 7 };
    await user.click(screen.getByRole('button', { name: 'Re-index the library' }));
    await waitFor(() => expect(screen.getByTestId('reindex-status')).toHaveTextContent('Re-indexed 7 passages.'));
  });
});

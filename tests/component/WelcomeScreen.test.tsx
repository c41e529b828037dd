import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, dispatch, methodInputs, type CairnApi, type CairnHandlers, type ModelSnapshot, type ModelTaskEvent } from '../../core/api';
import type { ModelsListing } from '../../core/models/listing';
import type { InstalledModel } from '../../core/models/registry';
import type { AppStatus } from '../../core/types';
import { App } from '../../renderer/src/App';
import { WELCOME_SEEN_KEY } from '../../renderer/src/firstRun';

const TASK_ID = '3f1c2a4e-8b7d-4c1e-9a2b-5d6e7f8a9b0c';

const status: AppStatus = {
  version: '0.1.0',
  dataDir: '/home/ada/.config/Cairn',
  databaseFile: '/home/ada/.config/Cairn/cairn.db',
  schemaVersion: 10,
  library: { documents: 9, builtInDocuments: 8, chunks: 412, embeddedChunks: 412 },
  vectorIndex: { embedderId: 'use-lite', dims: 512 },
};

/** The whole app over the real dispatch, with stand-in handlers for status, models and a download the test moves along. */
function fakeCore() {
  const core = {
    active: null as string | null,
    installed: [] as InstalledModel[],
    downloads: [] as Array<{ id: string; allowUnverified?: boolean }>,
    cancels: 0,
    events: [] as ModelTaskEvent[],
    state: 'running' as ModelSnapshot['state'],
    result: null as InstalledModel | null,
  };
  const listing = (): ModelsListing => ({
    catalog: [
      { id: 'qwen', name: 'Qwen2.5 1.5B Instruct', kind: 'chat', default: true, approxSizeMB: 1100, ramGB: 3, contextLength: 32768, license: 'Apache-2.0', verified: true, installed: core.installed.some((m) => m.id === 'qwen'), active: core.active === 'qwen' },
      { id: 'llama', name: 'Llama 3.2 3B', kind: 'chat', default: false, approxSizeMB: 2000, ramGB: 4, contextLength: 8192, license: 'Llama 3.2 Community', verified: false, installed: false, active: false },
    ],
    installed: core.installed.map((m) => ({ ...m, active: m.id === core.active, inCatalog: m.id === 'qwen' })),
    activeModel: core.active,
  });
  const notUsedHere = () => {
    throw new Error('not used by the welcome');
  };
  const handlers: CairnHandlers = {
    ...(Object.fromEntries(Object.keys(methodInputs).map((name) => [name, notUsedHere])) as unknown as CairnHandlers),
    'app/status': () => status,
    'library/list': () => [],
    'models/list': listing,
    'models/download': (input) => {
      core.downloads.push(input);
      return { taskId: TASK_ID };
    },
    'models/poll': (input) => ({ taskId: input.taskId, state: core.state, events: core.events.slice(input.after), next: core.events.length, result: core.result, error: null }),
    'models/cancel': () => {
      core.cancels += 1;
      return { cancelled: true };
    },
  };
  const api: CairnApi = createApiClient((name, input) => dispatch(handlers, name, input), (file) => Promise.resolve(`/tmp/uploads/${file.name}`));
  return { core, api };
}

// Tasks are polled every 200 ms; leave room when the machine is busy.
configure({ asyncUtilTimeout: 4000 });

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});

describe('first-run welcome', () => {
  it('shows what stays here and what is installed above the Ask screen, then closes for good on Start', async () => {
    const user = userEvent.setup();
    const { api } = fakeCore();
    const { unmount } = render(<App api={api} />);
    const welcome = screen.getByRole('region', { name: 'Welcome to Cairn' });
    // The Ask screen is still there, below the welcome.
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Ask');

    expect(within(welcome).getByTestId('welcome-privacy')).toHaveTextContent('Your questions, your records and the answers stay on this computer. Nothing is sent anywhere.');
    expect(within(welcome).getByTestId('welcome-privacy')).toHaveTextContent('a model download that you start yourself');
    expect(await within(welcome).findByTestId('welcome-pack')).toHaveTextContent('Installed: 8 documents. Your library holds 9 documents in all (412 passages).');
    expect(within(welcome).getByTestId('welcome-embedder')).toHaveTextContent('use-lite, 512 dimensions');
    await waitFor(() => expect(within(welcome).getByTestId('welcome-model')).toHaveTextContent('None. Cairn answers in extractive mode, with sentences from the guidelines, each cited.'));
    expect(within(welcome).getByTestId('welcome-recommended')).toHaveTextContent('Recommended: Qwen2.5 1.5B Instruct, a download of about 1.1 GB, needs about 3 GB of memory.');
    expect(welcome).toHaveTextContent('Cairn works without one.');
    expect(within(welcome).getByTestId('welcome-resume')).toHaveTextContent('continues where it stopped');
    // The Settings screen's Models panel: download the recommended model or import a file.
    expect(await within(welcome).findByRole('button', { name: 'Download: Qwen2.5 1.5B Instruct' })).toBeEnabled();
    expect(within(welcome).getByLabelText('Choose a GGUF model file')).toBeInTheDocument();

    await user.click(within(welcome).getByRole('button', { name: 'Start using Cairn' }));
    expect(screen.queryByRole('region', { name: 'Welcome to Cairn' })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Ask');
    expect(screen.getByRole('textbox', { name: 'Your question' })).toHaveFocus();
    expect(localStorage.getItem(WELCOME_SEEN_KEY)).toBe('1');

    // Next start: not shown again.
    unmount();
    render(<App api={api} />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Ask');
    expect(screen.queryByRole('region', { name: 'Welcome to Cairn' })).not.toBeInTheDocument();
  });

  it('is only above the Ask screen: the other screens look as usual', async () => {
    const user = userEvent.setup();
    const { api } = fakeCore();
    render(<App api={api} />);
    expect(screen.getByRole('region', { name: 'Welcome to Cairn' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Library' }));
    expect(screen.queryByRole('region', { name: 'Welcome to Cairn' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Ask' }));
    expect(screen.getByRole('region', { name: 'Welcome to Cairn' })).toBeInTheDocument();
    await screen.findByTestId('welcome-recommended');
  });

  it('downloads the recommended model with progress, and cancels, keeping the part for next time', async () => {
    const user = userEvent.setup();
    const { core, api } = fakeCore();
    render(<App api={api} />);
    const welcome = screen.getByRole('region', { name: 'Welcome to Cairn' });
    core.events.push({ type: 'download', progress: { file: 'qwen.gguf', fileIndex: 1, fileCount: 1, receivedBytes: 250_000_000, totalBytes: 1_000_000_000 } });
    await user.click(await within(welcome).findByRole('button', { name: 'Download: Qwen2.5 1.5B Instruct' }));
    expect(core.downloads).toEqual([{ id: 'qwen' }]);
    await waitFor(() => expect(within(welcome).getByTestId('models-progress')).toHaveTextContent('Downloading Qwen2.5 1.5B Instruct: 250 MB of 1.0 GB'));
    expect(within(welcome).getByRole('progressbar', { name: 'Download progress' })).toHaveAttribute('value', '250000000');

    await user.click(within(welcome).getByRole('button', { name: 'Cancel download' }));
    expect(core.cancels).toBe(1);
    core.state = 'cancelled';
    expect(await within(welcome).findByText('Stopped. A partial download is kept and resumes next time.')).toBeInTheDocument();
    expect(within(welcome).queryByRole('button', { name: 'Cancel download' })).not.toBeInTheDocument();
    expect(within(welcome).getByTestId('welcome-model')).toHaveTextContent('None. Cairn answers in extractive mode');
  });

  it('names the answer model in use, and does not offer it again', async () => {
    const { core, api } = fakeCore();
    core.installed.push({ id: 'qwen', name: 'Qwen2.5 1.5B Instruct', kind: 'chat', file: '/home/ada/.config/Cairn/models/qwen.gguf', sizeBytes: 1_100_000_000, source: 'download', architecture: 'qwen2', contextLength: 32768, addedAt: '2026-11-21T10:00:00Z' });
    core.active = 'qwen';
    render(<App api={api} />);
    await waitFor(() => expect(screen.getByTestId('welcome-model')).toHaveTextContent('Qwen2.5 1.5B Instruct writes the answers, on this computer.'));
    expect(screen.queryByTestId('welcome-recommended')).not.toBeInTheDocument();
  });
});

import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createApiClient, dispatch, methodInputs, type CairnHandlers } from '../../core/api';
import type { AppStatus, DocumentSummary } from '../../core/types';
import { App } from '../../renderer/src/App';

const status: AppStatus = {
  version: '0.1.0',
  dataDir: '/home/ada/.config/Cairn',
  databaseFile: '/home/ada/.config/Cairn/cairn.db',
  schemaVersion: 10,
  library: { documents: 2, builtInDocuments: 1, chunks: 57, embeddedChunks: 57 },
  vectorIndex: { embedderId: 'use-lite', dims: 512 },
};

const documents: DocumentSummary[] = [
  { id: 1, title: 'Melanoma (Cairn starter summary)', publisher: 'Cairn', edition: '2026-11', cancerTypes: ['Melanoma'], format: 'markdown', builtIn: true, sourcePath: null, sourceUrl: null, importedAt: '2026-11-21T10:00:00Z', chunkCount: 12 },
  { id: 2, title: 'NCCN Guidelines for Patients: Melanoma', publisher: 'NCCN', edition: '2025', cancerTypes: ['Melanoma'], format: 'pdf', builtIn: false, sourcePath: '/home/ada/melanoma.pdf', sourceUrl: null, importedAt: '2026-11-21T11:00:00Z', chunkCount: 45 },
];

/** The bridge with a stand-in core: the same dispatch (and input validation) the app uses. */
function apiWith(handlers: Partial<CairnHandlers>) {
  const notUsedHere = () => {
    throw new Error('not used by these screens');
  };
  const unused = Object.fromEntries(Object.keys(methodInputs).map((name) => [name, notUsedHere])) as unknown as CairnHandlers;
  const full: CairnHandlers = {
    ...unused,
    'app/status': () => status,
    'library/list': () => documents,
    ...handlers,
  };
  return createApiClient((name, input) => dispatch(full, name, input));
}

describe('<App>', () => {
  it('shows the frame, the navigation and the status from core', async () => {
    render(<App api={apiWith({})} />);
    expect(screen.getByRole('banner')).toHaveTextContent('Cairn');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getAllByRole('button').map((b) => b.textContent)).toEqual(['Ask', 'Library', 'My records', 'Appointment prep', 'History', 'Settings']);
    expect(await screen.findByTestId('status-data-dir')).toHaveTextContent('/home/ada/.config/Cairn');
    expect(screen.getByTestId('status-documents')).toHaveTextContent('2');
    expect(screen.getByTestId('status-chunks')).toHaveTextContent('57');
    expect(screen.getByText('use-lite (512 dimensions)')).toBeInTheDocument();
  });

  it('keeps My records locked until the person chooses a passphrase', async () => {
    const user = userEvent.setup();
    const records = () => ({ exists: false, unlocked: false, needsPassphrase: true, keychain: null, keychainWarning: null });
    render(<App api={apiWith({ 'records/status': records })} />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Ask');
    await user.click(screen.getByRole('button', { name: 'My records' }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('My records');
    expect(await screen.findByLabelText(/Choose a passphrase/)).toBeInTheDocument();
  });

  it('moves between screens from the keyboard and marks the current one', async () => {
    const user = userEvent.setup();
    render(<App api={apiWith({})} />);
    await user.tab();
    expect(screen.getByRole('button', { name: 'Ask' })).toHaveFocus();
    await user.tab();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: 'Library' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('button', { name: 'Ask' })).not.toHaveAttribute('aria-current');
  });

  it('lists the library with the built-in pack marked', async () => {
    const user = userEvent.setup();
    render(<App api={apiWith({})} />);
    await user.click(screen.getByRole('button', { name: 'Library' }));
    const group = await screen.findByRole('region', { name: /^Melanoma/ });
    const rows = within(group).getAllByTestId('library-document');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Melanoma (Cairn starter summary) built in');
    expect(rows[1]).toHaveTextContent('NCCN Guidelines for Patients: Melanoma');
    expect(rows[1]).not.toHaveTextContent('built in');
    expect(screen.getByTestId('pack-note')).toHaveTextContent(/summaries written by Cairn.*not NCCN or NCI content.*import the official NCCN Guidelines for Patients/);
  });

  it('says plainly when the library is empty', async () => {
    const user = userEvent.setup();
    render(<App api={apiWith({ 'library/list': () => [] })} />);
    await user.click(screen.getByRole('button', { name: 'Library' }));
    expect(await screen.findByTestId('library-empty')).toHaveTextContent('Your library is empty');
  });

  it('shows core’s error message when a call fails', async () => {
    render(<App api={apiWith({ 'app/status': () => { throw new Error('disk on fire'); } })} />);
    expect(await screen.findByRole('alert')).toHaveTextContent("Could not read Cairn's status: Unexpected error: disk on fire");
  });

  it('explains when the window has no bridge to core', () => {
    render(<App api={null} />);
    expect(screen.getByRole('alert')).toHaveTextContent('not connected');
  });
});

import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, dispatch, methodInputs, type CairnApi, type CairnHandlers, type LibrarySnapshot, type LibraryTaskEvent } from '../../core/api';
import type { ImportReport } from '../../core/library/importFiles';
import type { AppStatus, DocumentSummary } from '../../core/types';
import { groupByCancerType } from '../../renderer/src/components/library/DocumentGroups';
import { LibraryScreen } from '../../renderer/src/screens/LibraryScreen';
import { useCairnData } from '../../renderer/src/useCairnData';

const TASK_ID = '3f1c2a4e-8b7d-4c1e-9a2b-5d6e7f8a9b0c';

function doc(id: number, title: string, cancerTypes: string[], extra: Partial<DocumentSummary> = {}): DocumentSummary {
  return { id, title, publisher: 'NCCN', edition: null, cancerTypes, format: 'pdf', builtIn: false, sourcePath: null, sourceUrl: null, importedAt: '2026-11-21T10:00:00Z', chunkCount: 10, ...extra };
}

/** An in-memory library behind the real dispatch; the test moves the import task along by hand. */
function fakeCore(initial: DocumentSummary[]) {
  const core = {
    documents: [...initial],
    imported: [] as string[][],
    removed: [] as number[],
    cancelled: 0,
    events: [] as LibraryTaskEvent[],
    state: 'running' as LibrarySnapshot['state'],
    result: null as ImportReport | null,
    statusCalls: 0,
  };
  const status = (): AppStatus => ({
    version: '0.1.0',
    dataDir: '/home/ada/.config/Cairn',
    databaseFile: '/home/ada/.config/Cairn/cairn.db',
    schemaVersion: 10,
    library: { documents: core.documents.length, builtInDocuments: 0, chunks: 0, embeddedChunks: 0 },
    vectorIndex: null,
  });
  const notUsedHere = () => {
    throw new Error('not used by the Library screen');
  };
  const handlers: CairnHandlers = {
    ...(Object.fromEntries(Object.keys(methodInputs).map((name) => [name, notUsedHere])) as unknown as CairnHandlers),
    'app/status': () => {
      core.statusCalls += 1;
      return status();
    },
    'library/list': () => core.documents,
    'library/import': (input) => {
      core.imported.push(input.paths);
      return { taskId: TASK_ID };
    },
    'library/poll': (input) => ({ taskId: input.taskId, state: core.state, events: core.events.slice(input.after), next: core.events.length, result: core.result, error: null }),
    'library/cancel': () => {
      core.cancelled += 1;
      return { cancelled: true };
    },
    'library/remove': (input) => {
      core.removed.push(input.id);
      core.documents = core.documents.filter((d) => d.id !== input.id);
      return { removed: input.id };
    },
  };
  const api: CairnApi = createApiClient((name, input) => dispatch(handlers, name, input), (file) => Promise.resolve(`/tmp/uploads/${file.name}`));
  return { core, api };
}

function Library({ api }: { api: CairnApi }) {
  const data = useCairnData(api);
  return <LibraryScreen api={api} documents={data.documents} reload={data.reload} />;
}

const melanoma = doc(1, 'Melanoma: a starter summary', ['Melanoma'], { builtIn: true, publisher: 'Cairn starter pack' });
const nccnBoth = doc(2, 'NCCN: Melanoma and skin cancers', ['Melanoma', 'Basal cell skin cancer']);
const general = doc(3, 'Coping with side effects', []);

// Tasks are polled every 200 ms; leave room when the machine is busy.
configure({ asyncUtilTimeout: 4000 });

beforeEach(() => {
  sessionStorage.clear();
});

describe('Library grouping', () => {
  it('puts a document under each of its cancer types, and "Other" last for none', () => {
    const groups = groupByCancerType([general, nccnBoth, melanoma]);
    expect(groups.map((g) => [g.type, g.documents.map((d) => d.id)])).toEqual([
      ['Basal cell skin cancer', [2]],
      ['Melanoma', [1, 2]],
      ['Other', [3]],
    ]);
  });
});

describe('<LibraryScreen>', () => {
  it('lists documents by cancer type with the built-in pack marked', async () => {
    const { api } = fakeCore([melanoma, nccnBoth, general]);
    render(<Library api={api} />);
    const melanomaGroup = await screen.findByRole('region', { name: /^Melanoma/ });
    expect(within(melanomaGroup).getAllByTestId('library-document').map((li) => li.querySelector('.ls-doc-title')?.textContent)).toEqual([
      'Melanoma: a starter summary',
      'NCCN: Melanoma and skin cancers',
    ]);
    expect(within(melanomaGroup).getAllByTestId('library-document')[0]).toHaveTextContent('built in');
    expect(screen.getByRole('region', { name: /^Basal cell skin cancer/ })).toHaveTextContent('NCCN: Melanoma and skin cancers');
    expect(screen.getByRole('region', { name: /^Other/ })).toHaveTextContent('Coping with side effects');
    expect(screen.getByTestId('pack-note')).toHaveTextContent(/not NCCN or NCI content/);
  });

  it('imports picked files with per-file progress, then shows added and failed files with their reasons', async () => {
    const user = userEvent.setup();
    const { core, api } = fakeCore([]);
    render(<Library api={api} />);
    expect(await screen.findByTestId('library-empty')).toHaveTextContent('Your library is empty');
    core.events.push({ type: 'import', progress: { phase: 'reading', file: '/tmp/uploads/melanoma.pdf', fileIndex: 1, fileCount: 2, page: 3, pages: 12 } });

    const picker = screen.getByLabelText('Choose files to import');
    expect(picker).toHaveAttribute('accept', '.pdf,.html,.htm,.md,.txt,.jsonl');
    await user.upload(picker, [new File(['%PDF'], 'melanoma.pdf', { type: 'application/pdf' }), new File(['# x'], 'notes.md', { type: 'text/markdown' })]);

    expect(core.imported).toEqual([['/tmp/uploads/melanoma.pdf', '/tmp/uploads/notes.md']]);
    const live = screen.getByTestId('library-import-status');
    expect(live).toHaveAttribute('aria-live', 'polite');
    await waitFor(() => expect(live).toHaveTextContent('Importing file 1 of 2: melanoma.pdf'));
    expect(live).toHaveTextContent('Reading · page 3 of 12');

    core.events.push({ type: 'import', progress: { phase: 'embedding', file: '/tmp/uploads/melanoma.pdf', fileIndex: 1, fileCount: 2, chunksEmbedded: 32, chunksTotal: 40 } });
    await waitFor(() => expect(live).toHaveTextContent('Indexing the passages · 32 of 40 passages indexed'));

    core.documents = [doc(7, 'NCCN Guidelines for Patients: Melanoma', ['Melanoma'])];
    core.result = {
      added: [{ file: '/tmp/uploads/melanoma.pdf', documentId: 7, title: 'NCCN Guidelines for Patients: Melanoma', chunks: 40, replaced: false }],
      skipped: [],
      failed: [{ file: '/tmp/uploads/notes.md', reason: 'The file has no text Cairn can read.' }],
      cancelled: false,
    };
    core.state = 'done';
    const report = await screen.findByTestId('library-import-report');
    expect(report).toHaveTextContent('Added 1 document: NCCN Guidelines for Patients: Melanoma.');
    expect(within(screen.getByTestId('library-import-failed')).getByRole('listitem')).toHaveTextContent('notes.md: The file has no text Cairn can read.');
    // The list reloads after the import.
    expect(await screen.findByRole('region', { name: /^Melanoma/ })).toHaveTextContent('NCCN Guidelines for Patients: Melanoma');
    expect(screen.queryByRole('button', { name: 'Cancel import' })).not.toBeInTheDocument();
  });

  it('refuses a file of a kind it cannot read without sending it to core', async () => {
    const user = userEvent.setup({ applyAccept: false });
    const { core, api } = fakeCore([]);
    render(<Library api={api} />);
    await user.upload(screen.getByLabelText('Choose files to import'), new File(['x'], 'scan.docx'));
    expect(await screen.findByTestId('library-import-failed')).toHaveTextContent('scan.docx: Cairn cannot read this kind of file. Use a PDF');
    expect(core.imported).toEqual([]);
  });

  it('cancels an import from the Cancel button', async () => {
    const user = userEvent.setup();
    const { core, api } = fakeCore([]);
    render(<Library api={api} />);
    await user.upload(screen.getByLabelText('Choose files to import'), new File(['# x'], 'notes.md'));
    const cancel = await screen.findByRole('button', { name: 'Cancel import' });
    await waitFor(() => expect(screen.getByTestId('library-import-status')).toHaveTextContent('Starting the import'));
    await user.click(cancel);
    expect(core.cancelled).toBe(1);
    expect(await screen.findByRole('button', { name: 'Cancelling…' })).toBeDisabled();
    core.state = 'cancelled';
    await waitFor(() => expect(screen.getByTestId('library-import-status')).toHaveTextContent('Import cancelled. Documents finished before that are kept.'));
    expect(screen.queryByRole('button', { name: /Cancel/ })).not.toBeInTheDocument();
  });

  it('removes a document only after confirming, and reloads the list', async () => {
    const user = userEvent.setup();
    const { core, api } = fakeCore([melanoma, general]);
    render(<Library api={api} />);
    await user.click(await screen.findByRole('button', { name: 'Remove Coping with side effects' }));
    const confirm = screen.getByRole('group', { name: 'Remove Coping with side effects?' });
    expect(within(confirm).getByRole('button', { name: 'Yes, remove it' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Keep it' }));
    expect(core.removed).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Remove Coping with side effects' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(core.removed).toEqual([3]));
    expect(await screen.findByTestId('library-notice')).toHaveTextContent('Removed Coping with side effects.');
    await waitFor(() => expect(screen.queryByRole('region', { name: /^Other/ })).not.toBeInTheDocument());
    expect(screen.getByRole('region', { name: /^Melanoma/ })).toBeInTheDocument();
  });
});

import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createApiClient, dispatch, methodInputs, type CairnHandlers } from '../../core/api';
import { CairnError } from '../../core/errors';
import type { FieldReview, ProfileConflict } from '../../core/records/combineProfiles';
import { parseFieldValue } from '../../core/records/fieldValue';
import type { PatientProfile } from '../../core/records/profile';
import type { RecordSummary } from '../../core/records/store/recordsRepository';
import { RecordsScreen } from '../../renderer/src/screens/RecordsScreen';

/** What one stand-in record file holds. */
interface StandInFile {
  profile: PatientProfile;
  fields: Omit<FieldReview, 'confirmed' | 'source'>[];
  recordDate: string;
}

const NOTE: StandInFile = {
  recordDate: '2026-01-15',
  profile: { cancerType: { value: 'melanoma' }, stage: { value: 'IV' }, biomarkers: [{ name: 'BRAF', status: 'positive' }, { name: 'NRAS', status: 'negative' }, { name: 'KIT', status: 'negative' }] },
  fields: [
    { field: 'cancerType', label: 'Cancer type', value: 'Melanoma', recordDate: '2026-01-15', evidence: [{ file: 'note.txt', page: null, text: 'Metastatic melanoma, BRAF V600E.' }] },
    { field: 'stage', label: 'Stage', value: 'IV', recordDate: '2026-01-15', evidence: [{ file: 'note.txt', page: 2, text: 'Stage IV (pT3b pN1a M1c).' }] },
  ],
};

/**
 * The records part of core kept in memory: the real dispatch (and input checks) in front, and
 * core's own parser for what a `set` accepts, so a bad value gets core's own message.
 */
function standInCore(options: { keychain?: boolean; conflicts?: ProfileConflict[] } = {}) {
  const state = {
    passphrase: null as string | null,
    exists: false,
    unlocked: false,
    records: [] as (RecordSummary & { fields: StandInFile['fields'] })[],
    edits: new Map<string, { action: 'confirm' | 'set' | 'remove'; value?: string }>(),
    calls: [] as string[],
    deleted: false,
  };
  const files: Record<string, StandInFile> = { 'note.txt': NOTE };
  const fields = (): FieldReview[] => {
    const out: FieldReview[] = [];
    for (const record of state.records) {
      for (const field of record.fields) {
        const edit = state.edits.get(field.field);
        if (edit?.action === 'remove') continue;
        if (edit?.action === 'set') out.push({ ...field, value: edit.value!, source: 'person', confirmed: true, evidence: [] });
        else out.push({ ...field, source: 'rules', confirmed: edit?.action === 'confirm' });
      }
    }
    return out;
  };
  const combined = () => ({ profile: {}, conflicts: state.records.length ? (options.conflicts ?? []) : [], fields: fields() });
  const status = () => ({
    exists: state.exists,
    unlocked: state.unlocked,
    needsPassphrase: !state.unlocked && !options.keychain,
    keychain: options.keychain ? 'gnome_libsecret' : null,
    keychainWarning: options.keychain ? null : 'This computer has no keychain, so Cairn asks for your passphrase each time.',
  });
  const handlers: Partial<CairnHandlers> = {
    'records/status': () => status(),
    'records/unlock': ({ passphrase }) => {
      state.calls.push('unlock');
      if (!options.keychain) {
        if (!passphrase) throw new CairnError('RECORDS_LOCKED', 'Type your passphrase to open your records.');
        if (state.exists && passphrase !== state.passphrase) throw new CairnError('WRONG_PASSPHRASE', 'That passphrase does not unlock your records.');
        state.passphrase = passphrase;
      }
      state.exists = true;
      state.unlocked = true;
      return status();
    },
    'records/import': ({ path }) => {
      const name = path.split('/').pop()!;
      const file = files[name];
      if (!file) throw new CairnError('RECORD_REJECTED', `${name} is a password-protected PDF; save a copy without the password and add that.`);
      const record = { id: state.records.length + 1, profileId: 'default', fileName: name, format: 'text' as const, byteSize: 100, recordDate: file.recordDate, importedAt: '2026-02-01T10:00:00Z', fields: file.fields };
      state.records.push(record);
      return { record, profile: file.profile, alreadyImported: false, modelPass: null };
    },
    'records/list': () => state.records.map(({ fields: _fields, ...summary }) => summary),
    'records/profile': () => combined(),
    'records/edit': ({ field, action, value }) => {
      state.calls.push(`edit ${field} ${action}${value !== undefined ? ` ${String(value)}` : ''}`);
      if (action === 'revert') state.edits.delete(field);
      else if (action === 'set') {
        const parsed = parseFieldValue(field, value) as { value: string };
        state.edits.set(field, { action, value: parsed.value });
      } else state.edits.set(field, { action });
      return combined();
    },
    'records/remove': ({ id }) => {
      const index = state.records.findIndex((record) => record.id === id);
      const [removed] = state.records.splice(index, 1);
      const { fields: _fields, ...summary } = removed!;
      return summary;
    },
    'records/deleteAll': () => {
      state.deleted = true;
      state.records = [];
      state.edits.clear();
      state.exists = false;
      state.unlocked = false;
      return { removed: ['records.db', 'records.key'] };
    },
  };
  const notUsedHere = () => {
    throw new Error('not used by this screen');
  };
  const full = { ...Object.fromEntries(Object.keys(methodInputs).map((name) => [name, notUsedHere])), ...handlers } as unknown as CairnHandlers;
  const picked: string[] = [];
  const api = createApiClient(
    (name, input) => dispatch(full, name, input),
    (file) => {
      picked.push(file.name);
      return Promise.resolve(`/home/ada/Downloads/${file.name}`);
    },
  );
  return { api, state, picked };
}

async function openWithPassphrase(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('Choose a passphrase'), 'correct horse battery');
  await user.type(screen.getByLabelText('Type the passphrase again'), 'correct horse battery');
  await user.click(screen.getByRole('button', { name: 'Protect and open my records' }));
  await screen.findByRole('heading', { name: 'Add records' });
}

async function uploadNote(user: ReturnType<typeof userEvent.setup>) {
  await user.upload(screen.getByLabelText('Choose record files to add'), new File(['Stage IV melanoma'], 'note.txt', { type: 'text/plain' }));
  await screen.findByText(/Found: cancer type, stage, 3 biomarkers/);
}

describe('<RecordsScreen>', () => {
  it('asks for a new passphrase, checks it, then opens the records', async () => {
    const user = userEvent.setup();
    const core = standInCore();
    render(<RecordsScreen api={core.api} />);
    expect(await screen.findByRole('heading', { name: 'Set up your records' })).toBeInTheDocument();
    expect(screen.getByText(/encrypted and kept only on this computer/)).toBeInTheDocument();
    expect(screen.getByTestId('keychain-warning')).toHaveTextContent('no keychain');

    await user.type(screen.getByLabelText('Choose a passphrase'), 'correct horse battery');
    await user.type(screen.getByLabelText('Type the passphrase again'), 'correct horse batterx');
    await user.click(screen.getByRole('button', { name: 'Protect and open my records' }));
    expect(screen.getByRole('alert')).toHaveTextContent('The two passphrases are not the same');
    expect(core.state.calls).toEqual([]);

    await user.clear(screen.getByLabelText('Type the passphrase again'));
    await user.type(screen.getByLabelText('Type the passphrase again'), 'correct horse battery');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Add records' })).toBeInTheDocument();
    expect(screen.getByTestId('profile-empty')).toHaveTextContent('Nothing yet');
    expect(screen.getByTestId('records-empty')).toBeInTheDocument();
  });

  it('says so in plain words when the passphrase is wrong', async () => {
    const user = userEvent.setup();
    const core = standInCore();
    core.state.exists = true;
    core.state.passphrase = 'the right one';
    render(<RecordsScreen api={core.api} />);
    await user.type(await screen.findByLabelText('Passphrase'), 'the wrong one');
    await user.click(screen.getByRole('button', { name: 'Open my records' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That passphrase does not unlock your records.');
    expect(screen.queryByLabelText('Type the passphrase again')).not.toBeInTheDocument();
  });

  it('opens with the keychain without a passphrase', async () => {
    const user = userEvent.setup();
    render(<RecordsScreen api={standInCore({ keychain: true }).api} />);
    expect(await screen.findByText(/keychain \(gnome_libsecret\)/)).toBeInTheDocument();
    expect(screen.queryByLabelText(/passphrase/i)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Open my records' }));
    expect(await screen.findByRole('heading', { name: 'Add records' })).toBeInTheDocument();
  });

  it('reads uploaded files one by one, with what was found or why not', async () => {
    const user = userEvent.setup();
    const core = standInCore();
    render(<RecordsScreen api={core.api} />);
    await openWithPassphrase(user);
    const input = screen.getByLabelText('Choose record files to add');
    expect(input).toHaveAttribute('accept', '.pdf,.png,.jpg,.jpeg,.txt,.json,.xml');
    await user.upload(input, [new File(['x'], 'note.txt', { type: 'text/plain' }), new File(['%PDF'], 'locked.pdf', { type: 'application/pdf' })]);
    const uploads = screen.getByTestId('records-uploads');
    await waitFor(() => expect(within(uploads).getByRole('alert')).toHaveTextContent('Could not add locked.pdf. locked.pdf is a password-protected PDF; save a copy without the password and add that.'));
    expect(uploads).toHaveAttribute('aria-live', 'polite');
    expect(uploads).toHaveTextContent('note.txt: Found: cancer type, stage, 3 biomarkers.');
    expect(core.picked).toEqual(['note.txt', 'locked.pdf']);
    // The list and the profile are read again.
    const table = await screen.findByRole('table', { name: 'Record files on this computer' });
    expect(within(table).getByRole('rowheader', { name: 'note.txt' })).toBeInTheDocument();
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('2026-01-15');
    expect(screen.getByTestId('field-stage')).toHaveTextContent('Stage');
  });

  it('shows where each field comes from and lets the person confirm it', async () => {
    const user = userEvent.setup();
    const core = standInCore();
    render(<RecordsScreen api={core.api} />);
    await openWithPassphrase(user);
    await uploadNote(user);

    const stage = await screen.findByTestId('field-stage');
    expect(within(stage).getByTestId('field-value')).toHaveTextContent('IV');
    expect(within(stage).getByTestId('field-source')).toHaveTextContent('Source: from note.txt, 2026-01-15');
    expect(within(stage).getByTestId('field-checked')).toHaveTextContent('Not checked yet');
    expect(within(stage).queryByRole('button', { name: /Undo my change/ })).not.toBeInTheDocument();

    const quote = within(stage).getByText('Stage IV (pT3b pN1a M1c).');
    expect(quote).not.toBeVisible();
    await user.click(within(stage).getByText('Show where this comes from'));
    expect(quote).toBeVisible();
    expect(within(stage).getByText('note.txt, page 2')).toBeVisible();

    await user.click(within(stage).getByRole('button', { name: 'Confirm Stage' }));
    await waitFor(() => expect(within(stage).getByTestId('field-checked')).toHaveTextContent('Checked'));
    expect(within(stage).queryByRole('button', { name: 'Confirm Stage' })).not.toBeInTheDocument();
    await user.click(within(stage).getByRole('button', { name: 'Undo my change to Stage' }));
    await waitFor(() => expect(within(stage).getByTestId('field-checked')).toHaveTextContent('Not checked yet'));
    expect(core.state.calls).toContain('edit stage confirm');
    expect(core.state.calls).toContain('edit stage revert');
  });

  it('edits a field: core’s error for a bad value, then "you" as the source', async () => {
    const user = userEvent.setup();
    const core = standInCore();
    render(<RecordsScreen api={core.api} />);
    await openWithPassphrase(user);
    await uploadNote(user);
    const stage = await screen.findByTestId('field-stage');
    await user.click(within(stage).getByRole('button', { name: 'Edit Stage' }));
    const box = within(stage).getByLabelText('New value for Stage');
    expect(box).toHaveFocus();
    expect(box).toHaveValue('IV');
    expect(within(stage).getByText('The stage group, such as IIIB or IV.')).toBeInTheDocument();

    await user.clear(box);
    await user.type(box, 'very bad{Enter}');
    const alert = await within(stage).findByRole('alert');
    expect(alert).toHaveTextContent('Cannot set stage: write the stage group, such as IIIB or IV.');
    expect(box).toHaveAttribute('aria-invalid', 'true');

    await user.clear(box);
    await user.type(box, 'IIIB');
    await user.click(within(stage).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(within(stage).getByTestId('field-value')).toHaveTextContent('IIIB'));
    expect(within(stage).getByTestId('field-source')).toHaveTextContent('Source: you');
    expect(within(stage).queryByRole('alert')).not.toBeInTheDocument();
    expect(core.state.calls).toContain('edit stage set IIIB');
  });

  it('removes a field and can undo it', async () => {
    const user = userEvent.setup();
    const core = standInCore();
    render(<RecordsScreen api={core.api} />);
    await openWithPassphrase(user);
    await uploadNote(user);
    await user.click(within(await screen.findByTestId('field-cancerType')).getByRole('button', { name: 'Remove Cancer type' }));
    await waitFor(() => expect(screen.queryByTestId('field-cancerType')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Undo removing Cancer type' }));
    expect(await screen.findByTestId('field-cancerType')).toBeInTheDocument();
    expect(core.state.calls).toEqual(expect.arrayContaining(['edit cancerType remove', 'edit cancerType revert']));
  });

  it('says prominently when records disagree', async () => {
    const user = userEvent.setup();
    const core = standInCore({
      conflicts: [{ field: 'stage', label: 'Stage', chosen: { value: 'IV', file: 'note.txt', recordDate: '2026-01-15' }, others: [{ value: 'IIIB', file: 'pathology.txt', recordDate: '2025-03-02' }] }],
    });
    render(<RecordsScreen api={core.api} />);
    await openWithPassphrase(user);
    await uploadNote(user);
    expect(await screen.findByRole('note', { name: 'Your records disagree' })).toHaveTextContent(
      'Your records disagree on stage: using IV from note.txt, 2026-01-15 (newest); pathology.txt, 2025-03-02 says IIIB.',
    );
  });

  it('deletes one record after asking', async () => {
    const user = userEvent.setup();
    const core = standInCore();
    render(<RecordsScreen api={core.api} />);
    await openWithPassphrase(user);
    await uploadNote(user);
    await user.click(await screen.findByRole('button', { name: 'Delete note.txt' }));
    expect(screen.getByRole('group', { name: 'Delete note.txt?' })).toHaveTextContent('leaves your profile too');
    expect(screen.getByRole('button', { name: 'Yes, delete it' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(core.state.records).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Delete note.txt' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete it' }));
    expect(await screen.findByTestId('records-empty')).toBeInTheDocument();
    expect(core.state.records).toHaveLength(0);
    expect(screen.getByTestId('profile-empty')).toBeInTheDocument();
  });

  it('deletes everything only after the person ticks that they understand', async () => {
    const user = userEvent.setup();
    const core = standInCore();
    render(<RecordsScreen api={core.api} />);
    await openWithPassphrase(user);
    await uploadNote(user);
    await user.click(screen.getByRole('button', { name: 'Delete all my data…' }));
    const danger = screen.getByRole('group', { name: 'Delete all my data' });
    expect(danger).toHaveAccessibleDescription(/record files, your profile and your changes to it, your answers history, your appointment list, and the key/);
    const sure = within(danger).getByRole('checkbox', { name: /I understand/ });
    expect(sure).toHaveFocus();
    const go = within(danger).getByRole('button', { name: 'Delete everything' });
    expect(go).toBeDisabled();
    await user.click(go);
    expect(core.state.deleted).toBe(false);

    await user.click(sure);
    await user.click(go);
    expect(await screen.findByRole('status')).toHaveTextContent('All your data was deleted from this computer.');
    expect(core.state.deleted).toBe(true);
    expect(await screen.findByRole('heading', { name: 'Set up your records' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Add records' })).not.toBeInTheDocument();
  });
});

import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CairnError } from '../../core/errors';
import { createApiClient, dispatch, methodInputs, type CairnApi, type CairnHandlers } from '../../core/api';
import type { RecordsStatus } from '../../core/records/recordsSession';
import type { PrepItem } from '../../core/records/store/prepRepository';
import { PrepScreen } from '../../renderer/src/screens/PrepScreen';
import { useAppointmentQuestions } from '../../renderer/src/usePrep';

/** Core's prep methods over an in-memory list, behind the real dispatch; locked until unlocked with PASSPHRASE. */
function prepCore(options: { unlocked?: boolean; items?: Array<Partial<PrepItem> & { question: string }> } = {}) {
  const PASSPHRASE = 'correct horse battery';
  let unlocked = options.unlocked ?? true;
  let nextId = 1;
  let items: PrepItem[] = (options.items ?? []).map((item) => ({ id: nextId++, why: '', note: '', askedAbout: null, addedAt: '2026-11-22T10:00:00Z', ...item }));
  const calls: Array<{ name: string; input: unknown }> = [];
  const status = (): RecordsStatus => ({ exists: true, unlocked, needsPassphrase: !unlocked, keychain: null, keychainWarning: null });
  const open = () => {
    if (!unlocked) throw new CairnError('RECORDS_LOCKED', 'Your records are locked; open them first.');
  };
  const list = () => items.map((item) => ({ ...item }));
  const find = (id: number) => {
    const item = items.find((other) => other.id === id);
    if (!item) throw new CairnError('NOT_FOUND', 'That question is no longer on your list.');
    return item;
  };
  const handlers: Partial<CairnHandlers> = {
    'records/status': status,
    'records/unlock': ({ passphrase }) => {
      if (passphrase !== PASSPHRASE) throw new CairnError('WRONG_PASSPHRASE', 'Wrong passphrase.');
      unlocked = true;
      return status();
    },
    'prep/list': () => (open(), list()),
    'prep/add': (input) => {
      open();
      if (!items.some((item) => item.question === input.question)) {
        items.push({ id: nextId++, question: input.question, why: input.why ?? '', note: '', askedAbout: input.askedAbout ?? null, addedAt: '2026-11-22T10:00:00Z' });
      }
      return list();
    },
    'prep/update': (input) => {
      open();
      const item = find(input.id);
      if (input.question !== undefined) item.question = input.question;
      if (input.note !== undefined) item.note = input.note;
      return list();
    },
    'prep/remove': (input) => {
      open();
      find(input.id);
      items = items.filter((item) => item.id !== input.id);
      return list();
    },
    'prep/reorder': (input) => {
      open();
      items = input.ids.map(find);
      return list();
    },
    'prep/pdf': () => {
      open();
      const text = items.map((item) => `${item.question} ${item.note}`).join('\n');
      return { fileName: 'cairn-questions-2026-11-22.pdf', base64: btoa(`%PDF-1.7\n${text}`) };
    },
  };
  const notUsed = () => {
    throw new Error('not used by this screen');
  };
  const full = { ...Object.fromEntries(Object.keys(methodInputs).map((name) => [name, notUsed])), ...handlers } as CairnHandlers;
  const api = createApiClient(async (name, input) => {
    calls.push({ name, input });
    return dispatch(full, name, input);
  });
  return { api, PASSPHRASE, calls, items: () => items, lock: () => (unlocked = false) };
}

/** The prep screen with the app's appointment list hook, and a way to add a question as the Ask screen does. */
function Harness({ api, onReady }: { api: CairnApi; onReady?: (add: ReturnType<typeof useAppointmentQuestions>['add']) => void }) {
  const appointment = useAppointmentQuestions(api);
  onReady?.(appointment.add);
  return <PrepScreen api={api} appointment={appointment} />;
}

const list = () => screen.getByRole('list', { name: 'My appointment questions' });
const questionsInList = () => within(list()).getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent);
const itemFor = (question: string) => within(list()).getAllByRole('listitem').find((item) => within(item).queryByRole('heading', { name: question }))!;

describe('<PrepScreen>', () => {
  beforeEach(() => {
    URL.createObjectURL = vi.fn(() => 'blob:cairn/prep');
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => vi.restoreAllMocks());

  it('shows the list with numbers, why and where each question came from', async () => {
    const core = prepCore({ items: [{ question: 'Has my tumor been tested for BRAF?', why: 'It changes which medicines may work.', askedAbout: 'What is BRAF?' }, { question: 'Can I join a trial?' }] });
    render(<Harness api={core.api} />);
    expect(await screen.findByRole('heading', { level: 2, name: 'My questions (2)' })).toBeInTheDocument();
    expect(list().tagName).toBe('OL');
    expect(questionsInList()).toEqual(['Has my tumor been tested for BRAF?', 'Can I join a trial?']);
    const first = itemFor('Has my tumor been tested for BRAF?');
    expect(first).toHaveTextContent('Why ask: It changes which medicines may work.');
    expect(first).toHaveTextContent('From your question “What is BRAF?”');
    expect(within(first).getByRole('textbox', { name: 'My note' })).toHaveAccessibleDescription('Has my tumor been tested for BRAF?');
  });

  it('adds my own question, and says what to do when it is empty', async () => {
    const user = userEvent.setup();
    const core = prepCore();
    render(<Harness api={core.api} />);
    expect(await screen.findByTestId('appointment-empty')).toHaveTextContent('No questions yet.');
    const form = screen.getByRole('form', { name: 'Add my own question' });
    await user.click(within(form).getByRole('button', { name: 'Add question' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Type a question first.');
    await user.type(within(form).getByRole('textbox', { name: 'Your question' }), 'How often will I have scans?{Enter}');
    await waitFor(() => expect(questionsInList()).toEqual(['How often will I have scans?']));
    expect(within(form).getByRole('textbox', { name: 'Your question' })).toHaveValue('');
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Added “How often will I have scans?” to your list.');
  });

  it('saves a note on blur and with the Save note button, and edits a question', async () => {
    const user = userEvent.setup();
    const core = prepCore({ items: [{ question: 'Can I keep working?' }] });
    render(<Harness api={core.api} />);
    const note = await screen.findByRole('textbox', { name: 'My note' });
    await user.type(note, 'Ask about half days');
    expect(screen.getByRole('button', { name: 'Save note' })).toBeInTheDocument();
    await user.tab();
    await waitFor(() => expect(core.items()[0]!.note).toBe('Ask about half days'));
    expect(await screen.findByRole('button', { name: 'Note saved' })).toHaveAttribute('aria-disabled', 'true');

    await user.type(note, ' in the first month');
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(core.items()[0]!.note).toBe('Ask about half days in the first month'));

    await user.click(screen.getByRole('button', { name: 'Edit question' }));
    const edit = screen.getByRole('textbox', { name: 'Question 1' });
    expect(edit).toHaveFocus();
    await user.clear(edit);
    await user.type(edit, 'Can I keep working during treatment?{Enter}');
    await waitFor(() => expect(questionsInList()).toEqual(['Can I keep working during treatment?']));
    expect(core.calls.filter((call) => call.name === 'prep/update').map((call) => call.input)).toEqual([
      { id: 1, note: 'Ask about half days' },
      { id: 1, note: 'Ask about half days in the first month' },
      { id: 1, question: 'Can I keep working during treatment?' },
    ]);
  });

  it('reorders with the Move up and Move down buttons from the keyboard, keeping the focus', async () => {
    const user = userEvent.setup();
    const core = prepCore({ items: [{ question: 'First?' }, { question: 'Second?' }, { question: 'Third?' }] });
    render(<Harness api={core.api} />);
    await screen.findByRole('list', { name: 'My appointment questions' });
    expect(within(itemFor('First?')).getByRole('button', { name: 'Move up' })).toHaveAttribute('aria-disabled', 'true');
    expect(within(itemFor('Third?')).getByRole('button', { name: 'Move down' })).toHaveAttribute('aria-disabled', 'true');

    const down = within(itemFor('First?')).getByRole('button', { name: 'Move down' });
    expect(down).toHaveAccessibleDescription('First?');
    down.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(questionsInList()).toEqual(['Second?', 'First?', 'Third?']));
    await waitFor(() => expect(within(itemFor('First?')).getByRole('button', { name: 'Move down' })).toHaveFocus());
    expect(screen.getByRole('status')).toHaveTextContent('Moved to number 2 of 3.');

    await user.keyboard(' ');
    await waitFor(() => expect(questionsInList()).toEqual(['Second?', 'Third?', 'First?']));
    const up = within(itemFor('Third?')).getByRole('button', { name: 'Move up' });
    up.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(questionsInList()).toEqual(['Third?', 'Second?', 'First?']));
    expect(core.calls.filter((call) => call.name === 'prep/reorder').map((call) => call.input)).toEqual([{ ids: [2, 1, 3] }, { ids: [2, 3, 1] }, { ids: [3, 2, 1] }]);
    // The first one cannot go higher: nothing is sent.
    within(itemFor('Third?')).getByRole('button', { name: 'Move up' }).focus();
    await user.keyboard('{Enter}');
    expect(core.calls.filter((call) => call.name === 'prep/reorder')).toHaveLength(3);
  });

  it('removes a question and moves the focus to the list heading', async () => {
    const user = userEvent.setup();
    const core = prepCore({ items: [{ question: 'Keep me?' }, { question: 'Remove me?' }] });
    render(<Harness api={core.api} />);
    await user.click(within(await waitFor(() => itemFor('Remove me?'))).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(questionsInList()).toEqual(['Keep me?']));
    expect(screen.getByRole('heading', { level: 2, name: 'My questions (1)' })).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('Removed “Remove me?”.');
  });

  it('saves the list as a PDF through a download link with the file name from core', async () => {
    const user = userEvent.setup();
    const core = prepCore({ items: [{ question: 'Can I keep working?' }] });
    const clicked: Array<{ download: string; href: string }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    });
    render(<Harness api={core.api} />);
    // A note typed just before choosing Save as PDF is saved first (blur), so it is in the PDF.
    await user.type(await screen.findByRole('textbox', { name: 'My note' }), 'half days');
    await user.click(screen.getByRole('button', { name: 'Save as PDF' }));
    await waitFor(() => expect(clicked).toEqual([{ download: 'cairn-questions-2026-11-22.pdf', href: 'blob:cairn/prep' }]));
    const blob = vi.mocked(URL.createObjectURL).mock.calls[0]![0] as Blob;
    expect(blob.type).toBe('application/pdf');
    expect(await blob.text()).toBe('%PDF-1.7\nCan I keep working? half days');
    expect(core.calls.map((call) => call.name).slice(-2)).toEqual(['prep/update', 'prep/pdf']);
    expect(screen.getByRole('status')).toHaveTextContent('Saved your list as cairn-questions-2026-11-22.pdf.');
    await waitFor(() => expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:cairn/prep'), { timeout: 2000 });
    expect(document.querySelector('a[download]')).toBeNull();
  });

  it('prints the list with the page print', async () => {
    const user = userEvent.setup();
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    render(<Harness api={prepCore({ items: [{ question: 'Can I keep working?' }] }).api} />);
    await user.click(await screen.findByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('explains locked records, says what to do with a wrong passphrase, and opens them', async () => {
    const user = userEvent.setup();
    const core = prepCore({ unlocked: false, items: [{ question: 'Already saved?' }] });
    render(<Harness api={core.api} />);
    const notice = await screen.findByRole('region', { name: 'Your records are locked' });
    expect(notice).toHaveTextContent('Your appointment list is personal, so Cairn keeps it encrypted with your records');
    await user.click(within(notice).getByRole('button', { name: 'Open my records' }));
    expect(within(notice).getByRole('alert')).toHaveTextContent('Type your passphrase first.');
    const field = within(notice).getByLabelText('Your records passphrase');
    await user.type(field, 'wrong one{Enter}');
    expect(await within(notice).findByRole('alert')).toHaveTextContent('That passphrase did not open your records. Check it (capital letters count) and try again.');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    await user.clear(field);
    await user.type(field, `${core.PASSPHRASE}{Enter}`);
    await waitFor(() => expect(questionsInList()).toEqual(['Already saved?']));
    expect(screen.queryByRole('region', { name: 'Your records are locked' })).not.toBeInTheDocument();
  });

  it('keeps questions added from answers while locked, and saves them once the records are open', async () => {
    const user = userEvent.setup();
    const core = prepCore({ unlocked: false });
    let add!: ReturnType<typeof useAppointmentQuestions>['add'];
    render(<Harness api={core.api} onReady={(fn) => (add = fn)} />);
    await screen.findByRole('region', { name: 'Your records are locked' });
    act(() => add({ question: 'Has my tumor been tested for BRAF?', why: 'It changes which medicines may work.' }, 'Is surgery an option?'));
    await waitFor(() => expect(within(list()).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Has my tumor been tested for BRAF? (It changes which medicines may work.)']));
    expect(screen.getByRole('region', { name: 'Questions not saved yet' })).toHaveTextContent('Open your records to save them to your list.');

    await user.type(screen.getByLabelText('Your records passphrase'), `${core.PASSPHRASE}{Enter}`);
    await waitFor(() => expect(questionsInList()).toEqual(['Has my tumor been tested for BRAF?']));
    expect(core.items()[0]).toMatchObject({ why: 'It changes which medicines may work.', askedAbout: 'Is surgery an option?' });
    expect(screen.queryByRole('region', { name: 'Questions not saved yet' })).not.toBeInTheDocument();
  });

  it('saves a question added from an answer at once when the records are open', async () => {
    const core = prepCore();
    let add!: ReturnType<typeof useAppointmentQuestions>['add'];
    render(<Harness api={core.api} onReady={(fn) => (add = fn)} />);
    await screen.findByTestId('appointment-empty');
    act(() => add({ question: 'Can I join a trial?', why: 'Trials offer new treatments.' }, 'What are my options?'));
    await waitFor(() => expect(core.items()).toHaveLength(1));
    expect(core.items()[0]).toMatchObject({ question: 'Can I join a trial?', why: 'Trials offer new treatments.', askedAbout: 'What are my options?' });
  });

  it('says in plain words what failed and what to do when a change fails', async () => {
    const user = userEvent.setup();
    const core = prepCore({ items: [{ question: 'One?' }, { question: 'Two?' }] });
    render(<Harness api={core.api} />);
    await screen.findByRole('list', { name: 'My appointment questions' });
    core.items().splice(0, 1); // removed elsewhere: the list the screen shows is out of date
    await user.click(within(itemFor('One?')).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The question could not be removed: That question is no longer on your list. Try again; if it keeps happening, restart Cairn.');
  });

  it('goes back to the locked notice when the records are closed meanwhile', async () => {
    const user = userEvent.setup();
    const core = prepCore({ items: [{ question: 'One?' }] });
    render(<Harness api={core.api} />);
    await screen.findByRole('list', { name: 'My appointment questions' });
    core.lock();
    await user.click(screen.getByRole('button', { name: 'Save as PDF' }));
    expect(await screen.findByRole('region', { name: 'Your records are locked' })).toBeInTheDocument();
  });
});

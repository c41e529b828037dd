import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CairnError } from '../../core/errors';
import { createApiClient, dispatch, methodInputs, type CairnHandlers } from '../../core/api';
import type { Answer } from '../../core/answer/types';
import type { RecordsStatus } from '../../core/records/recordsSession';
import type { HistoryEntry } from '../../core/records/store/historyRepository';
import { HistoryScreen } from '../../renderer/src/screens/HistoryScreen';
import { melanomaAnswer } from './askTestKit';

const leukemiaAnswer: Answer = { ...melanomaAnswer, question: 'What is AML?', title: 'Acute Myeloid Leukemia', cancerType: 'Leukemia', mode: 'llm', model: 'qwen', createdAt: '2026-11-23T09:00:00.000Z' };

/** Core's history methods over answers kept in memory, behind the real dispatch. */
function historyCore(options: { unlocked?: boolean; needsPassphrase?: boolean } = {}) {
  let unlocked = options.unlocked ?? true;
  const answers = new Map<number, Answer>([
    [1, melanomaAnswer],
    [2, leukemiaAnswer],
  ]);
  const calls: Array<{ name: string; input: unknown }> = [];
  const status = (): RecordsStatus => ({ exists: true, unlocked, needsPassphrase: !unlocked && (options.needsPassphrase ?? false), keychain: 'gnome-libsecret', keychainWarning: null });
  const open = () => {
    if (!unlocked) throw new CairnError('RECORDS_LOCKED', 'Your records are locked; open them first.');
  };
  const entry = (id: number, answer: Answer): HistoryEntry => ({ id, question: answer.question, title: answer.title, mode: answer.mode, askedAt: answer.createdAt });
  const handlers: Partial<CairnHandlers> = {
    'records/status': status,
    'records/unlock': () => {
      unlocked = true;
      return status();
    },
    'history/list': (input) => {
      open();
      const search = input?.search?.toLowerCase();
      return [...answers]
        .map(([id, answer]) => entry(id, answer))
        .filter((item) => !search || `${item.question} ${item.title}`.toLowerCase().includes(search))
        .sort((a, b) => b.askedAt.localeCompare(a.askedAt));
    },
    'history/get': (input) => {
      open();
      const answer = answers.get(input.id);
      if (!answer) throw new CairnError('NOT_FOUND', 'That answer is no longer in your history.');
      return answer;
    },
    'history/delete': (input) => {
      open();
      if (!answers.delete(input.id)) throw new CairnError('NOT_FOUND', 'That answer is no longer in your history.');
      return { deleted: true as const };
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
  return { api, calls, answers };
}

const pastAnswers = () => screen.getByRole('list', { name: 'Past answers' });
const questionsListed = () => within(pastAnswers()).getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);
const itemFor = (question: string) => within(pastAnswers()).getAllByRole('listitem').find((item) => within(item).queryByRole('heading', { name: question }))!;

describe('<HistoryScreen>', () => {
  it('lists past answers newest first with title, date and mode, and says they are kept only with the records open', async () => {
    render(<HistoryScreen api={historyCore().api} addedQuestions={[]} onAddQuestion={() => undefined} />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('History');
    expect(screen.getByText(/only while your records are open/)).toBeInTheDocument();
    await waitFor(() => expect(questionsListed()).toEqual(['What is AML?', 'Is surgery an option for metastatic melanoma?']));
    const aml = itemFor('What is AML?');
    expect(aml).toHaveTextContent('Acute Myeloid Leukemia');
    expect(aml).toHaveTextContent('Written by the model on this computer');
    expect(within(aml).getByRole('time')).toHaveAttribute('datetime', '2026-11-23T09:00:00.000Z');
    expect(itemFor('Is surgery an option for metastatic melanoma?')).toHaveTextContent('Quoted from your guidelines');
    expect(within(aml).getByRole('button', { name: 'Open' })).toHaveAccessibleDescription('What is AML?');
  });

  it('searches past answers as I type, and says when nothing matches', async () => {
    const user = userEvent.setup();
    const core = historyCore();
    render(<HistoryScreen api={core.api} addedQuestions={[]} onAddQuestion={() => undefined} />);
    await screen.findByRole('list', { name: 'Past answers' });
    const search = within(screen.getByRole('search')).getByRole('searchbox', { name: 'Search past answers' });
    await user.type(search, 'surgery');
    await waitFor(() => expect(questionsListed()).toEqual(['Is surgery an option for metastatic melanoma?']));
    expect(core.calls.filter((call) => call.name === 'history/list').at(-1)!.input).toEqual({ search: 'surgery' });
    await user.type(search, ' xyz');
    expect(await screen.findByTestId('history-empty')).toHaveTextContent('No past answers match “surgery xyz”. Try fewer or other words.');
    await user.clear(search);
    await waitFor(() => expect(questionsListed()).toHaveLength(2));
  });

  it('reopens a past answer with the answer view, adds its questions with the asked question, and goes back', async () => {
    const user = userEvent.setup();
    const added: Array<{ question: string; askedAbout?: string }> = [];
    render(<HistoryScreen api={historyCore().api} addedQuestions={[]} onAddQuestion={(item, askedAbout) => added.push({ question: item.question, ...(askedAbout ? { askedAbout } : {}) })} />);
    await screen.findByRole('list', { name: 'Past answers' });
    await user.click(within(itemFor('Is surgery an option for metastatic melanoma?')).getByRole('button', { name: 'Open' }));
    const answer = await screen.findByRole('article', { name: 'Surgery for Metastatic Melanoma' });
    expect(within(answer).getByRole('heading', { level: 2 })).toHaveFocus();
    expect(answer).toHaveTextContent('Short answer:');
    const questions = within(answer).getByRole('region', { name: 'Questions to ask your oncology team' });
    await user.click(within(questions).getAllByRole('button', { name: 'Add to my appointment list' })[1]!);
    expect(added).toEqual([{ question: 'Has my tumor been tested for BRAF?', askedAbout: 'Is surgery an option for metastatic melanoma?' }]);

    await user.click(screen.getByRole('button', { name: 'Back to all answers' }));
    expect(screen.queryByRole('article')).not.toBeInTheDocument();
    await waitFor(() => expect(within(itemFor('Is surgery an option for metastatic melanoma?')).getByRole('button', { name: 'Open' })).toHaveFocus());
  });

  it('deletes an answer only after confirming, and can keep it', async () => {
    const user = userEvent.setup();
    const core = historyCore();
    render(<HistoryScreen api={core.api} addedQuestions={[]} onAddQuestion={() => undefined} />);
    await screen.findByRole('list', { name: 'Past answers' });
    await user.click(within(itemFor('What is AML?')).getByRole('button', { name: 'Delete' }));
    const confirm = within(itemFor('What is AML?')).getByRole('group', { name: 'Delete this answer?' });
    expect(confirm).toHaveTextContent('This cannot be undone.');
    expect(within(confirm).getByRole('button', { name: 'Yes, delete it' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Keep it' }));
    expect(core.answers.size).toBe(2);
    await waitFor(() => expect(within(itemFor('What is AML?')).getByRole('button', { name: 'Delete' })).toHaveFocus());

    await user.keyboard('{Enter}');
    await user.click(within(itemFor('What is AML?')).getByRole('button', { name: 'Yes, delete it' }));
    await waitFor(() => expect(questionsListed()).toEqual(['Is surgery an option for metastatic melanoma?']));
    expect(core.answers.has(2)).toBe(false);
    expect(screen.getByRole('status')).toHaveTextContent('Deleted the answer to “What is AML?”.');
    expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
  });

  it('says what to do when an answer is gone', async () => {
    const user = userEvent.setup();
    const core = historyCore();
    render(<HistoryScreen api={core.api} addedQuestions={[]} onAddQuestion={() => undefined} />);
    await screen.findByRole('list', { name: 'Past answers' });
    core.answers.delete(2);
    await user.click(within(itemFor('What is AML?')).getByRole('button', { name: 'Open' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That answer could not be opened: That answer is no longer in your history. Search again or choose another answer.');
  });

  it('shows the locked notice and opens the records with the keychain button', async () => {
    const user = userEvent.setup();
    const core = historyCore({ unlocked: false });
    render(<HistoryScreen api={core.api} addedQuestions={[]} onAddQuestion={() => undefined} />);
    const notice = await screen.findByRole('region', { name: 'Your records are locked' });
    expect(notice).toHaveTextContent('Your history of answers is personal');
    expect(within(notice).queryByLabelText(/passphrase/)).not.toBeInTheDocument();
    await user.click(within(notice).getByRole('button', { name: 'Open my records' }));
    await waitFor(() => expect(questionsListed()).toHaveLength(2));
    expect(core.calls.find((call) => call.name === 'records/unlock')!.input).toEqual({});
  });
});

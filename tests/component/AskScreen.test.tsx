import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CairnApi } from '../../core/api';
import { App } from '../../renderer/src/App';
import { AskScreen } from '../../renderer/src/screens/AskScreen';
import { questionsFor, suggestedQuestions } from '../../renderer/src/suggestedQuestions';
import type { Loadable } from '../../renderer/src/useCairnData';
import type { DocumentSummary } from '../../core/types';
import { POLL_INTERVAL_MS } from '../../renderer/src/useAsk';
import { TASK_ID, apiWith, documents, installDialogPolyfill, melanomaAnswer, scriptedAsk } from './askTestKit';

beforeAll(installDialogPolyfill);

const QUESTION = 'Is surgery an option for metastatic melanoma?';

function renderAsk(api: CairnApi, docs: Loadable<DocumentSummary[]> = { state: 'ready', value: documents }) {
  return render(<AskScreen api={api} documents={docs} addedQuestions={[]} onAddQuestion={() => undefined} />);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('<AskScreen>', () => {
  it('asks from the keyboard: type, Enter, progress and streamed words, then the answer takes the focus', async () => {
    const user = userEvent.setup();
    const task = scriptedAsk();
    renderAsk(apiWith(task.handlers));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Ask');
    const box = screen.getByRole('textbox', { name: 'Your question' });
    expect(box).toHaveAccessibleDescription(/Press Enter to ask.*Nothing you type leaves this computer/);

    await user.click(box);
    await user.type(box, QUESTION);
    await user.keyboard('{Enter}');
    expect(task.calls.start).toEqual([{ question: QUESTION }]);
    expect(screen.getByTestId('ask-status')).toHaveTextContent('Finding passages and writing the answer…');
    expect(screen.getByTestId('ask-status')).toHaveAttribute('aria-live', 'polite');
    expect(screen.getByRole('progressbar', { name: 'Writing the answer' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();

    task.emit('{"title":"Surgery for Metastatic Melanoma",');
    task.emit('"summary":{"text":"Yes, surgery is sometimes');
    expect(await screen.findByTestId('ask-draft')).toHaveTextContent('Being written on this computer (the finished answer replaces this):Surgery for Metastatic Melanoma Yes, surgery is sometimes');

    task.finish(melanomaAnswer);
    const title = await screen.findByRole('heading', { level: 2, name: 'Surgery for Metastatic Melanoma' });
    await waitFor(() => expect(title).toHaveFocus());
    expect(screen.queryByTestId('ask-draft')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.getByTestId('ask-status')).toHaveTextContent('The answer is ready: Surgery for Metastatic Melanoma.');
    expect(screen.getByRole('article')).toHaveTextContent('For informational purposes only');

    // Polling stops once the answer is done.
    const polls = task.calls.poll;
    await sleep(POLL_INTERVAL_MS * 3);
    expect(task.calls.poll).toBe(polls);
  });

  it('shows an extractive answer that arrives at once, with no streamed text', async () => {
    const user = userEvent.setup();
    const task = scriptedAsk();
    task.finish(melanomaAnswer);
    renderAsk(apiWith(task.handlers));
    await user.type(screen.getByRole('textbox', { name: 'Your question' }), `${QUESTION}{Enter}`);
    expect(await screen.findByRole('article', { name: 'Surgery for Metastatic Melanoma' })).toBeInTheDocument();
    expect(screen.queryByTestId('ask-draft')).toBeNull();
    expect(task.calls.poll).toBe(1);
  });

  it('keeps Shift+Enter for a new line', async () => {
    const user = userEvent.setup();
    const task = scriptedAsk();
    renderAsk(apiWith(task.handlers));
    const box = screen.getByRole('textbox', { name: 'Your question' });
    await user.type(box, 'Line one{Shift>}{Enter}{/Shift}line two');
    expect(box).toHaveValue('Line one\nline two');
    expect(task.calls.start).toEqual([]);
  });

  it('Cancel stops the answer in core and gives the focus back to the question box', async () => {
    const user = userEvent.setup();
    const task = scriptedAsk();
    renderAsk(apiWith(task.handlers));
    await user.type(screen.getByRole('textbox', { name: 'Your question' }), `${QUESTION}{Enter}`);
    await waitFor(() => expect(task.calls.poll).toBeGreaterThan(0));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(task.calls.cancel).toEqual([{ taskId: TASK_ID }]);
    expect(screen.getByTestId('ask-status')).toHaveTextContent('Stopped.');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Your question' })).toHaveFocus();
    const polls = task.calls.poll;
    await sleep(POLL_INTERVAL_MS * 3);
    expect(task.calls.poll).toBe(polls);
    expect(screen.queryByRole('article')).toBeNull();
  });

  it('stops the answer being written when the screen goes away', async () => {
    const user = userEvent.setup();
    const task = scriptedAsk();
    const { unmount } = renderAsk(apiWith(task.handlers));
    await user.type(screen.getByRole('textbox', { name: 'Your question' }), `${QUESTION}{Enter}`);
    await waitFor(() => expect(task.calls.poll).toBeGreaterThan(0));
    unmount();
    await waitFor(() => expect(task.calls.cancel).toEqual([{ taskId: TASK_ID }]));
  });

  it('says what happened and what to do when the answer fails, and can try again', async () => {
    const user = userEvent.setup();
    const task = scriptedAsk();
    task.fail('No answer model is installed. Install one with `cairn models download <id>` or `cairn models import <file>`, or ask in extractive mode.');
    renderAsk(apiWith(task.handlers));
    await user.type(screen.getByRole('textbox', { name: 'Your question' }), `${QUESTION}{Enter}`);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Cairn could not answer this question. No answer model is installed.');
    expect(alert).toHaveTextContent('Try again. If it keeps failing, close Cairn and open it again');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();

    task.finish(melanomaAnswer);
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('article')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(task.calls.start).toEqual([{ question: QUESTION }, { question: QUESTION }]);
  });

  it('shows the bridge’s message when the question cannot even start', async () => {
    const user = userEvent.setup();
    renderAsk(apiWith({ 'ask/start': () => { throw new Error('the engine stopped'); } }));
    await user.type(screen.getByRole('textbox', { name: 'Your question' }), `${QUESTION}{Enter}`);
    expect(await screen.findByRole('alert')).toHaveTextContent('Cairn could not answer this question. Unexpected error: the engine stopped');
  });

  it('asks for a question instead of sending an empty one', async () => {
    const user = userEvent.setup();
    const task = scriptedAsk();
    renderAsk(apiWith(task.handlers));
    await user.click(screen.getByRole('button', { name: 'Ask Cairn' }));
    const box = screen.getByRole('textbox', { name: 'Your question' });
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveAccessibleDescription(/Type a question first, or choose one of the suggested questions\./);
    expect(box).toHaveFocus();
    expect(task.calls.start).toEqual([]);
    await user.type(box, 'W');
    expect(box).not.toHaveAttribute('aria-invalid');
  });

  it('suggests questions for the cancer types in the library; one click fills the box and asks', async () => {
    const user = userEvent.setup();
    const task = scriptedAsk();
    task.finish(melanomaAnswer);
    renderAsk(apiWith(task.handlers));
    const suggestions = screen.getByRole('region', { name: 'Suggested questions' });
    const type = within(suggestions).getByRole('combobox', { name: 'Cancer type' });
    expect(within(type).getAllByRole('option').map((o) => o.textContent)).toEqual(['Leukemia', 'Melanoma']);
    await user.selectOptions(type, 'Melanoma');
    await user.click(within(suggestions).getByRole('button', { name: QUESTION }));
    expect(screen.getByRole('textbox', { name: 'Your question' })).toHaveValue(QUESTION);
    expect(task.calls.start).toEqual([{ question: QUESTION }]);
    expect(await screen.findByRole('article')).toBeInTheDocument();
  });

  it('says what to do when the library cannot be read', () => {
    renderAsk(apiWith({}), { state: 'error', message: 'The database file is damaged.' });
    expect(screen.getByText(/could not read the library: The database file is damaged\. You can still type a question/)).toBeInTheDocument();
  });

  it('says how to add guidelines when the library is empty', () => {
    renderAsk(apiWith({}), { state: 'ready', value: [] });
    expect(screen.getByTestId('ask-library-empty')).toHaveTextContent(/no guideline documents yet.*cairn library import <file or folder>/);
    expect(screen.queryByRole('region', { name: 'Suggested questions' })).toBeNull();
  });
});

describe('suggested questions', () => {
  it('uses each document’s main cancer type once, in order', () => {
    expect(suggestedQuestions(documents).map((group) => group.cancerType)).toEqual(['Leukemia', 'Melanoma']);
    expect(suggestedQuestions([])).toEqual([]);
  });

  it('fits the wording to the cancer', () => {
    expect(questionsFor('Melanoma')).toEqual([
      'What are the treatment options for melanoma?',
      'Is surgery an option for metastatic melanoma?',
      'What should I ask about biomarker tests for melanoma?',
      'What side effects can treatment for melanoma cause?',
    ]);
    expect(questionsFor('Non-Hodgkin lymphoma')[1]).toBe('What happens if non-Hodgkin lymphoma comes back after treatment?');
    expect(questionsFor('NSCLC')[0]).toBe('What are the treatment options for NSCLC?');
  });
});

describe('<App> with the Ask screen', () => {
  it('collects questions from answers on the Appointment prep screen', async () => {
    const user = userEvent.setup();
    const task = scriptedAsk();
    task.finish(melanomaAnswer);
    render(<App api={apiWith(task.handlers)} />);
    const nav = screen.getByRole('navigation', { name: 'Main' });

    await user.click(within(nav).getByRole('button', { name: 'Appointment prep' }));
    expect(screen.getByTestId('appointment-empty')).toHaveTextContent('No questions yet.');

    await user.click(within(nav).getByRole('button', { name: 'Ask' }));
    await user.type(screen.getByRole('textbox', { name: 'Your question' }), `${QUESTION}{Enter}`);
    const questions = await screen.findByRole('region', { name: 'Questions to ask your oncology team' });
    const add = within(questions).getAllByRole('button', { name: 'Add to my appointment list' });
    await user.click(add[1]!);
    expect(within(questions).getByRole('button', { name: 'Added' })).toHaveAccessibleDescription('Has my tumor been tested for BRAF?');
    await user.click(add[2]!);

    await user.click(within(nav).getByRole('button', { name: 'Appointment prep' }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Appointment prep');
    const list = screen.getByRole('list', { name: 'My appointment questions' });
    expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Has my tumor been tested for BRAF? (These results can change which medicines may work.)',
      'Is there a clinical trial I could join? (Trials can offer treatments not yet widely available.)',
    ]);
  });
});

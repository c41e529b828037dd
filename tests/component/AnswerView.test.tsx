import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Answer, QuestionToAsk } from '../../core/answer/types';
import { CairnError } from '../../core/errors';
import { AnswerView, answerMeta } from '../../renderer/src/components/AnswerView';
import { draftPreview } from '../../renderer/src/components/draftPreview';
import { sectionLabel } from '../../renderer/src/components/sourceLabels';
import { apiWith, installDialogPolyfill, melanomaAnswer, notFoundAnswer, personalizedAnswer, urgentAnswer } from './askTestKit';

beforeAll(installDialogPolyfill);

function renderAnswer(answer: Answer, options: { api?: ReturnType<typeof apiWith>; added?: string[]; onAdd?: (q: QuestionToAsk) => void } = {}) {
  return render(
    <AnswerView api={options.api ?? apiWith({})} answer={answer} addedQuestions={options.added ?? []} onAddQuestion={options.onAdd ?? (() => undefined)} />,
  );
}

/** The section of the answer under a heading. */
function part(heading: string): HTMLElement {
  return screen.getByRole('heading', { level: 3, name: heading }).closest('section')!;
}

/** True when every element follows the one before it in the document. */
function inDocumentOrder(elements: Element[]): boolean {
  return elements.every((element, i) => i === 0 || Boolean(elements[i - 1]!.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING));
}

describe('<AnswerView>', () => {
  it('shows every part of the answer in the reading order of the reference answers', () => {
    renderAnswer(melanomaAnswer);
    const article = screen.getByRole('article', { name: 'Surgery for Metastatic Melanoma' });
    const parts = [
      within(article).getByText('For informational purposes only'),
      within(article).getByText(/generated on this computer from the guideline documents/),
      within(article).getByRole('heading', { level: 2, name: 'Surgery for Metastatic Melanoma' }),
      within(article).getByText('Short answer:'),
      within(article).getByRole('heading', { level: 3, name: 'How surgery fits into treatment' }),
      within(article).getByRole('heading', { level: 3, name: 'When surgery might be used' }),
      within(article).getByRole('heading', { level: 3, name: 'Questions to ask your oncology team' }),
      within(article).getByRole('heading', { level: 3, name: 'Important context' }),
      within(article).getByRole('heading', { level: 3, name: 'Key takeaway' }),
      within(article).getByRole('heading', { level: 3, name: 'Sources' }),
      within(article).getByText(/for educational purposes only/),
      within(article).getByText(/Add your records/),
      within(article).getByRole('heading', { level: 3, name: 'Related resources' }),
    ];
    expect(inDocumentOrder(parts)).toBe(true);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('Melanoma · 2026-11-22 · Cairn on this computer (extractive mode)')).toBeInTheDocument();
    expect(screen.getByText(/Short answer:/)).toBeInTheDocument();

    // Sections: paragraphs and bullets, each with its citation markers.
    const how = part('How surgery fits into treatment');
    expect(how).toHaveTextContent('Medicines that work through the whole body are usually the main treatment for stage IV.[1][3]');
    expect(within(how).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual(['Source 1', 'Source 3', 'Source 3']);
    expect(within(within(how).getByRole('list')).getAllByRole('listitem')).toHaveLength(1);

    // Questions with why they matter; context; key takeaway.
    const questions = screen.getByRole('region', { name: 'Questions to ask your oncology team' });
    expect(within(questions).getAllByRole('listitem')[1]).toHaveTextContent('Has my tumor been tested for BRAF? (These results can change which medicines may work.)');
    expect(part('Important context')).toHaveTextContent('Your team will weigh:How many tumors');
    expect(part('Key takeaway')).toHaveTextContent('usually together with medicines.');

    // Sources: guideline, publisher and edition, section, page, excerpt.
    const sources = within(screen.getByRole('region', { name: 'Sources' })).getAllByRole('listitem');
    expect(sources).toHaveLength(3);
    expect(sources[0]).toHaveTextContent('Melanoma: a starter summary, section “Surgery when the cancer has spread” (Cairn starter pack)');
    expect(sources[0]).toHaveTextContent('A summary of: NCCN Guidelines for Patients: Melanoma: Cutaneous (2024)');
    expect(sources[1]).toHaveTextContent('NCCN Guidelines for Patients: Melanoma, section “Treating stage IV › Surgery for distant metastases”, page 42 (NCCN, 2025)');
    expect(sources[1]).toHaveTextContent('Surgery may be an option when all of the metastases can be removed.');

    expect(part('Related resources')).toHaveTextContent('NCI Cancer Information Service: answers to cancer questions from trained staff. 1-800-4-CANCER');
    expect(screen.queryByTestId('personalization')).toBeNull();
  });

  it('puts the urgent notice before everything else', () => {
    renderAnswer(urgentAnswer);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(/sign of a medical emergency.*Call your oncology team's 24-hour line now/);
    expect(alert).toHaveTextContent('What you described: Fever during or after chemotherapy');
    const article = screen.getByRole('article');
    expect(article.firstElementChild).toBe(alert);
    expect(inDocumentOrder([alert, screen.getByText('For informational purposes only'), screen.getByRole('heading', { level: 2 })])).toBe(true);
  });

  it('shows the personalization chip near the title and the person’s own context', () => {
    renderAnswer(personalizedAnswer);
    const chip = screen.getByTestId('personalization');
    expect(chip).toHaveTextContent('Personalized to: stage IV, BRAF V600E');
    expect(screen.getByRole('heading', { level: 2 }).nextElementSibling).toBe(chip);
    expect(part('Important context')).toHaveTextContent('What your records say, and what your team will weigh:Your stage: IV.Your BRAF result: positive (V600E).');
    expect(screen.queryByText(/Add your records/)).toBeNull();
  });

  it('shows what a not-found answer has, and no empty parts', () => {
    renderAnswer(notFoundAnswer);
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Not in your library yet');
    expect(screen.getByText(/no guideline about pancreatic cancer/)).toBeInTheDocument();
    expect(screen.queryByText(/Short answer/)).toBeNull();
    expect(screen.queryAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Related resources']);
    expect(screen.getByText('For informational purposes only')).toBeInTheDocument();
    expect(screen.getByText(/for educational purposes only/)).toBeInTheDocument();
  });

  it('opens the cited passage in a dialog, and Escape closes it and returns the focus', async () => {
    const user = userEvent.setup();
    const passages: number[] = [];
    const api = apiWith({
      'library/passage': ({ chunkId }) => {
        passages.push(chunkId);
        return { chunkId, documentId: 2, title: 'NCCN Guidelines for Patients: Melanoma', publisher: 'NCCN', edition: '2025', section: 'Treating stage IV › Surgery for distant metastases', page: 42, text: 'Surgery may be an option when all of the metastases can be removed.', format: 'pdf', builtIn: false, sourceUrl: null };
      },
    });
    renderAnswer(melanomaAnswer, { api });
    const when = part('When surgery might be used');
    const marker = within(when).getAllByRole('button', { name: 'Source 2' })[0]!;
    expect(marker).toHaveAttribute('title', 'NCCN Guidelines for Patients: Melanoma, section “Treating stage IV › Surgery for distant metastases”, page 42');
    await user.click(marker);

    const dialog = await screen.findByRole('dialog', { name: 'Source 2: NCCN Guidelines for Patients: Melanoma' });
    expect(dialog).toHaveAttribute('open');
    expect(passages).toEqual([31]);
    expect(await within(dialog).findByTestId('passage-text')).toHaveTextContent('Surgery may be an option when all of the metastases can be removed.');
    expect(within(dialog).getByTestId('passage-section')).toHaveTextContent('Treating stage IV › Surgery for distant metastases');
    expect(dialog).toHaveTextContent('PublisherNCCN, 2025');
    expect(dialog).toHaveTextContent('Page42');
    expect(within(dialog).getByRole('button', { name: 'Close' })).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(marker).toHaveFocus();
  });

  it('opens a passage from the source list, says it is a starter-pack summary, and closes with the button', async () => {
    const user = userEvent.setup();
    renderAnswer(melanomaAnswer, {
      api: apiWith({
        'library/passage': ({ chunkId }) => ({ chunkId, documentId: 1, title: 'Melanoma: a starter summary', publisher: 'Cairn starter pack', edition: null, section: 'Melanoma: a starter summary › Surgery when the cancer has spread', page: null, text: 'Yes, surgery is sometimes an option for metastatic melanoma.', format: 'markdown', builtIn: true, sourceUrl: null }),
      }),
    });
    const opener = screen.getByRole('button', { name: 'Melanoma: a starter summary, section “Surgery when the cancer has spread”' });
    opener.focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Source 1: Melanoma: a starter summary' });
    expect(await within(dialog).findByTestId('passage-section')).toHaveTextContent('Surgery when the cancer has spread');
    expect(dialog).toHaveTextContent('PageNo page numbers in this document');
    expect(dialog).toHaveTextContent('A summary ofNCCN Guidelines for Patients: Melanoma: Cutaneous (2024)');
    expect(dialog).toHaveTextContent(/built-in starter pack: a short summary written by Cairn/);
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(opener).toHaveFocus();

    // A click inside the dialog keeps it open; a click on its backdrop (the dialog element itself) closes it.
    await user.click(opener);
    const again = await screen.findByRole('dialog');
    await user.click(await within(again).findByTestId('passage-text'));
    expect(again).toHaveAttribute('open');
    await user.click(again);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says in plain words when a passage cannot be opened, and still shows the excerpt', async () => {
    const user = userEvent.setup();
    renderAnswer(melanomaAnswer, {
      api: apiWith({
        'library/passage': () => {
          throw new CairnError('NOT_FOUND', 'There is no passage 31 in the library.');
        },
      }),
    });
    await user.click(within(part('When surgery might be used')).getAllByRole('button', { name: 'Source 2' })[0]!);
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Cairn could not open this passage: There is no passage 31 in the library. It may have been removed from your library.',
    );
    expect(dialog).toHaveTextContent('Surgery may be an option when all of the metastases can be removed.');
  });

  it('adds a question to the appointment list once', async () => {
    const user = userEvent.setup();
    const onAdd = vi.fn();
    const { rerender } = renderAnswer(melanomaAnswer, { onAdd });
    const questions = screen.getByRole('region', { name: 'Questions to ask your oncology team' });
    const buttons = within(questions).getAllByRole('button', { name: 'Add to my appointment list' });
    expect(buttons).toHaveLength(3);
    expect(buttons[1]).toHaveAccessibleDescription('Has my tumor been tested for BRAF?');
    await user.click(buttons[1]!);
    expect(onAdd).toHaveBeenCalledWith(melanomaAnswer.questionsToAsk[1]);
    expect(within(questions).getByText('Added “Has my tumor been tested for BRAF?” to your appointment list.')).toBeInTheDocument();

    rerender(<AnswerView api={apiWith({})} answer={melanomaAnswer} addedQuestions={['Has my tumor been tested for BRAF?']} onAddQuestion={onAdd} />);
    const added = within(questions).getByRole('button', { name: 'Added' });
    expect(added).toHaveAttribute('aria-disabled', 'true');
    await user.click(added);
    expect(onAdd).toHaveBeenCalledTimes(1);
  });

  it('takes the focus to the title of a new answer', () => {
    renderAnswer(melanomaAnswer);
    expect(screen.getByRole('heading', { level: 2 })).toHaveFocus();
  });
});

describe('answer helpers', () => {
  it('names who wrote the answer', () => {
    expect(answerMeta({ ...melanomaAnswer, mode: 'llm', model: 'Qwen2.5 1.5B Instruct' })).toBe('Melanoma · 2026-11-22 · Cairn on this computer (local model Qwen2.5 1.5B Instruct)');
    expect(answerMeta({ ...notFoundAnswer, cancerType: null })).toBe('General · 2026-11-22 · Cairn on this computer');
  });

  it('drops the document title from a section path', () => {
    expect(sectionLabel('Melanoma: a starter summary › Treatment by stage › Stage IV', 'Melanoma: a starter summary')).toBe('Treatment by stage › Stage IV');
    expect(sectionLabel('Treating stage IV', 'NCCN Guidelines for Patients: Melanoma')).toBe('Treating stage IV');
    expect(sectionLabel('', 'Anything')).toBe('');
  });

  it('shows the words of a streaming JSON draft, not its braces', () => {
    expect(draftPreview('{"title":"Surgery for Metastatic Melanoma","summary":{"text":"Yes, surgery is \\"sometimes\\" an op')).toBe(
      'Surgery for Metastatic Melanoma\nYes, surgery is "sometimes" an op',
    );
    expect(draftPreview('{"title":"Caf\\u00e9 \\u00')).toBe('Café');
    expect(draftPreview('{"ti')).toBe('');
    expect(draftPreview('Plain words as they come')).toBe('Plain words as they come');
  });
});

import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Source } from '../../core/answer/types';
import { CairnError } from '../../core/errors';
import type { PageImage } from '../../core/library/renderPage';
import { SourceDialog } from '../../renderer/src/components/SourceDialog';
import { apiWith, installDialogPolyfill, passage } from './askTestKit';

beforeAll(installDialogPolyfill);

const source: Source = {
  id: 2,
  chunkId: 31,
  documentId: 2,
  guideline: 'NCCN Guidelines for Patients: Melanoma',
  publisher: 'NCCN',
  edition: '2025',
  section: 'Treating stage IV › Surgery for distant metastases',
  page: 42,
  excerpt: 'Surgery may be an option when all of the metastases can be removed.',
  basedOn: [],
};

/** A stand-in page picture: a few bytes of base64 are enough for jsdom. */
function pageImage(page: number, pageCount = 44): PageImage {
  return { png: Buffer.from(`page ${page}`).toString('base64'), width: 918, height: 1188, page, pageCount };
}

function renderDialog(handlers: Parameters<typeof apiWith>[0]) {
  return render(<SourceDialog api={apiWith(handlers)} source={source} onClose={() => undefined} />);
}

describe('<SourceDialog> for a passage of an imported PDF', () => {
  it('shows the passage text, then the page it is on as printed, and pages through the PDF', async () => {
    const asked: { documentId: number; page: number }[] = [];
    const user = userEvent.setup();
    renderDialog({
      'library/page': (input) => {
        asked.push(input);
        return pageImage(input.page);
      },
    });
    const dialog = await screen.findByRole('dialog', { name: 'Source 2: NCCN Guidelines for Patients: Melanoma' });
    const region = await within(dialog).findByRole('region', { name: 'The page in the PDF' });
    const image = await within(region).findByRole('img', { name: /^Page 42 of 44 of “NCCN Guidelines for Patients: Melanoma”, as printed in the PDF/ });
    expect(image).toHaveAttribute('src', `data:image/png;base64,${pageImage(42).png}`);
    expect(image).toHaveAttribute('width', '918');
    expect(within(region).getByTestId('pdf-page-number')).toHaveTextContent('Page 42 of 44');
    expect(asked).toEqual([{ documentId: 2, page: 42 }]);
    // The passage's own text comes first, the page below it.
    const text = within(dialog).getByTestId('passage-text');
    expect(text.compareDocumentPosition(region) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    await user.click(within(region).getByRole('button', { name: 'Next page' }));
    expect(await within(region).findByRole('img', { name: /^Page 43 of 44/ })).toBeInTheDocument();
    expect(within(region).getByTestId('pdf-page-number')).toHaveTextContent('Page 43 of 44');
    expect(within(region).getByText(/The passage is on page 42\./)).toBeInTheDocument();

    await user.click(within(region).getByRole('button', { name: 'Next page' }));
    expect(await within(region).findByRole('img', { name: /^Page 44 of 44/ })).toBeInTheDocument();
    // At the last page Next stays focusable but does nothing.
    const next = within(region).getByRole('button', { name: 'Next page' });
    expect(next).toHaveAttribute('aria-disabled', 'true');
    await user.click(next);
    expect(asked.map((a) => a.page)).toEqual([42, 43, 44]);

    await user.click(within(region).getByRole('button', { name: 'Back to page 42' }));
    expect(await within(region).findByRole('img', { name: /^Page 42 of 44/ })).toBeInTheDocument();
    await user.click(within(region).getByRole('button', { name: 'Previous page' }));
    expect(await within(region).findByRole('img', { name: /^Page 41 of 44/ })).toBeInTheDocument();
    expect(asked.map((a) => a.page)).toEqual([42, 43, 44, 42, 41]);
  });

  it('disables Previous on the first page', async () => {
    renderDialog({ 'library/passage': ({ chunkId }) => ({ ...passage, chunkId, page: 1 }), 'library/page': (input) => pageImage(input.page, 3) });
    const region = await screen.findByRole('region', { name: 'The page in the PDF' });
    await within(region).findByRole('img');
    expect(within(region).getByRole('button', { name: 'Previous page' })).toHaveAttribute('aria-disabled', 'true');
    expect(within(region).getByRole('button', { name: 'Next page' })).toHaveAttribute('aria-disabled', 'false');
  });

  it('says in plain words when the original PDF is gone, and still shows the passage', async () => {
    renderDialog({
      'library/page': () => {
        throw new CairnError('NOT_FOUND', "The original file is no longer in Cairn's folder; import it again to see its pages.");
      },
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Cairn could not show page 42 of the PDF: The original file is no longer in Cairn's folder; import it again to see its pages.");
    expect(screen.getByTestId('passage-text')).toHaveTextContent('Surgery may be an option');
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('shows no page for passages of other formats or without a page number', async () => {
    const pages: number[] = [];
    renderDialog({
      'library/passage': ({ chunkId }) => ({ ...passage, chunkId, format: 'markdown', page: null }),
      'library/page': (input) => {
        pages.push(input.page);
        return pageImage(input.page);
      },
    });
    await screen.findByTestId('passage-text');
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
    expect(screen.queryByRole('region', { name: 'The page in the PDF' })).toBeNull();
    expect(pages).toEqual([]);
  });
});

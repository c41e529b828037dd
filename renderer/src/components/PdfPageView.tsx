import { useEffect, useId, useState } from 'react';
import type { CairnApi } from '../../../core/api/contract';
import type { PageImage } from '../../../core/library/renderPage';
import './PdfPageView.css';

/** What came back for `page`: its picture, or why there is none. */
type PageResult = { page: number; image: PageImage } | { page: number; message: string };

/**
 * A page of an imported PDF as it is printed, drawn by core from the original Cairn keeps
 * (`library/page`), opened at the passage's page, with Previous and Next page buttons. The
 * buttons stay focusable at the first and last page (aria-disabled), so keyboard focus is never
 * lost inside the dialog.
 */
export function PdfPageView({ api, documentId, title, passagePage }: { api: CairnApi; documentId: number; title: string; passagePage: number }) {
  const id = useId();
  const [page, setPage] = useState(passagePage);
  const [pageCount, setPageCount] = useState<number | null>(null);
  const [result, setResult] = useState<PageResult | null>(null);

  useEffect(() => {
    let live = true;
    api.invoke('library/page', { documentId, page }).then(
      (image) => {
        if (!live) return;
        setPageCount(image.pageCount);
        setResult({ page, image });
      },
      (error: unknown) => live && setResult({ page, message: error instanceof Error && error.message ? error.message : 'Cairn could not be reached.' }),
    );
    return () => {
      live = false;
    };
  }, [api, documentId, page]);

  // The result shown is the requested page's; until it arrives the page is being drawn.
  const shown = result?.page === page ? result : null;
  const atFirst = page <= 1;
  const atLast = pageCount !== null && page >= pageCount;
  const label = pageCount === null ? `Page ${page}` : `Page ${page} of ${pageCount}`;

  return (
    <section className="pdf-page" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>The page in the PDF</h3>
      <div className="pdf-page-nav">
        <button type="button" className="secondary" aria-disabled={atFirst} onClick={() => !atFirst && setPage(page - 1)}>
          Previous page
        </button>
        <p className="pdf-page-number" aria-live="polite" data-testid="pdf-page-number">
          {label}
        </p>
        <button type="button" className="secondary" aria-disabled={atLast} onClick={() => !atLast && setPage(page + 1)}>
          Next page
        </button>
      </div>
      {page !== passagePage && (
        <p className="pdf-page-back">
          The passage is on page {passagePage}.{' '}
          <button type="button" className="link-button" onClick={() => setPage(passagePage)}>
            Back to page {passagePage}
          </button>
        </p>
      )}
      {!shown && <p role="status">Drawing page {page}…</p>}
      {shown && 'message' in shown && (
        <p role="alert" className="error">
          Cairn could not show page {page} of the PDF: {shown.message}
        </p>
      )}
      {shown && 'image' in shown && (
        <img
          className="pdf-page-image"
          src={`data:image/png;base64,${shown.image.png}`}
          width={shown.image.width}
          height={shown.image.height}
          alt={`Page ${shown.image.page} of ${shown.image.pageCount} of “${title}”, as printed in the PDF${shown.image.page === passagePage ? ' (the passage above is on this page)' : ''}.`}
        />
      )}
    </section>
  );
}

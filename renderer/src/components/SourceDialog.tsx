import { useEffect, useId, useRef, useState } from 'react';
import type { Source } from '../../../core/answer/types';
import type { CairnApi } from '../../../core/api/contract';
import type { PassageView } from '../../../core/types';
import { PdfPageView } from './PdfPageView';
import { publishedBy, sectionLabel } from './sourceLabels';

type PassageState = { state: 'loading' } | { state: 'ready'; passage: PassageView } | { state: 'error'; message: string };

/**
 * The passage a citation points at, in a modal dialog: its document, publisher and edition,
 * section, page and full text, and for an imported PDF the page itself as printed. Focus moves
 * into the dialog and back to where it was on close; Escape and the Close button close it.
 */
export function SourceDialog({ api, source, onClose }: { api: CairnApi; source: Source; onClose: () => void }) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const [passage, setPassage] = useState<PassageState>({ state: 'loading' });
  // Where focus was when the dialog opened (the citation or source button), to return it there.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    closeButton.current?.focus();
    return () => opener?.focus();
  }, [opener]);

  useEffect(() => {
    let live = true;
    api.invoke('library/passage', { chunkId: source.chunkId }).then(
      (value) => live && setPassage({ state: 'ready', passage: value }),
      (error: unknown) => live && setPassage({ state: 'error', message: error instanceof Error && error.message ? error.message : 'Cairn could not be reached.' }),
    );
    return () => {
      live = false;
    };
  }, [api, source.chunkId]);

  return (
    <dialog
      ref={dialog}
      className="source-dialog"
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        dialog.current?.close();
      }}
      // A click on the backdrop (the dialog element itself, outside its body) closes it too.
      onClick={(event) => {
        if (event.target === event.currentTarget) dialog.current?.close();
      }}
    >
      <div className="source-dialog-body">
        <div className="source-dialog-head">
          <h2 id={`${id}-title`}>
            Source {source.id}: {passage.state === 'ready' ? passage.passage.title : source.guideline}
          </h2>
          <button ref={closeButton} type="button" className="secondary" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </div>
        {passage.state === 'loading' && <p role="status">Opening the passage…</p>}
        {passage.state === 'error' && <PassageError message={passage.message} source={source} />}
        {passage.state === 'ready' && <PassageDetails api={api} passage={passage.passage} basedOn={source.basedOn} />}
      </div>
    </dialog>
  );
}

function PassageDetails({ api, passage, basedOn }: { api: CairnApi; passage: PassageView; basedOn: readonly string[] }) {
  const published = publishedBy(passage);
  const section = sectionLabel(passage.section, passage.title);
  return (
    <>
      <dl className="passage-facts">
        {published && (
          <>
            <dt>Publisher</dt>
            <dd>{published}</dd>
          </>
        )}
        <dt>Section</dt>
        <dd data-testid="passage-section">{section || 'Before the first heading'}</dd>
        <dt>Page</dt>
        <dd>{passage.page ?? 'No page numbers in this document'}</dd>
        {basedOn.length > 0 && (
          <>
            <dt>A summary of</dt>
            <dd>{basedOn.join('; ')}</dd>
          </>
        )}
        {passage.sourceUrl && (
          <>
            <dt>Original</dt>
            <dd className="passage-url">{passage.sourceUrl}</dd>
          </>
        )}
      </dl>
      {passage.builtIn && (
        <p className="pack-note">This passage is from Cairn’s built-in starter pack: a short summary written by Cairn, not the guideline itself.</p>
      )}
      <div className="passage-text" data-testid="passage-text">
        {passage.text}
      </div>
      {passage.format === 'pdf' && passage.page !== null && (
        <PdfPageView api={api} documentId={passage.documentId} title={passage.title} passagePage={passage.page} />
      )}
    </>
  );
}

function PassageError({ message, source }: { message: string; source: Source }) {
  return (
    <>
      <p role="alert" className="error">
        Cairn could not open this passage: {message} It may have been removed from your library. Below is the excerpt the answer used; to see the full passage, import the document again and ask again.
      </p>
      <blockquote className="source-excerpt">{source.excerpt}</blockquote>
    </>
  );
}

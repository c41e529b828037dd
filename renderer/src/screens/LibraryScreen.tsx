import { useEffect, useState } from 'react';
import type { CairnApi } from '../../../core/api/contract';
import type { DocumentSummary } from '../../../core/types';
import { DocumentGroups } from '../components/library/DocumentGroups';
import { LibraryImport } from '../components/library/LibraryImport';
import type { Loadable } from '../useCairnData';
import { messageOf } from '../useTask';
import './LibrarySettings.css';

interface Props {
  api: CairnApi;
  documents: Loadable<DocumentSummary[]>;
  /** Reloads the document list and the status. */
  reload: () => void;
}

/** Library: the guideline documents by cancer type, importing files, removing documents. */
export function LibraryScreen({ api, documents, reload }: Props) {
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  // The list may have changed while the screen was away (an import going on in core).
  useEffect(() => reload(), [reload]);

  const remove = async (doc: DocumentSummary) => {
    try {
      await api.invoke('library/remove', { id: doc.id });
      setNotice({ kind: 'ok', text: `Removed ${doc.title}.` });
    } catch (error) {
      setNotice({ kind: 'error', text: `Could not remove ${doc.title}: ${messageOf(error)} Try again.` });
    }
    reload();
  };

  return (
    <div className="ls-screen">
      <h1>Library</h1>
      <p>The guideline documents Cairn answers from. They are stored on this computer.</p>
      {documents.state === 'ready' && documents.value.some((doc) => doc.builtIn) && (
        <p className="pack-note" data-testid="pack-note">
          Documents marked <strong>built in</strong> are Cairn's starter pack: short summaries written by Cairn
          from public guidelines, not NCCN or NCI content. For fuller answers, import the official NCCN
          Guidelines for Patients PDFs (free for personal use) or cancer.gov pages.
        </p>
      )}
      <LibraryImport api={api} onImported={reload} />
      <p role="status" className={notice?.kind === 'ok' ? 'ls-notice' : 'visually-hidden'} data-testid="library-notice">
        {notice?.kind === 'ok' ? notice.text : ''}
      </p>
      {notice?.kind === 'error' && (
        <p role="alert" className="error">
          {notice.text}
        </p>
      )}
      {documents.state === 'loading' && <p>Loading…</p>}
      {documents.state === 'error' && (
        <p role="alert" className="error">
          Could not read the library: {documents.message} Close Cairn and start it again.
        </p>
      )}
      {documents.state === 'ready' && documents.value.length === 0 && (
        <p className="empty" data-testid="library-empty">
          Your library is empty. Add guideline files above: Cairn answers only from the documents in your library.
        </p>
      )}
      {documents.state === 'ready' && documents.value.length > 0 && <DocumentGroups documents={documents.value} onRemove={remove} />}
    </div>
  );
}

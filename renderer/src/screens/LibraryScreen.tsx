import type { DocumentSummary } from '../../../core/types';
import type { Loadable } from '../useCairnData';

export function LibraryScreen({ documents }: { documents: Loadable<DocumentSummary[]> }) {
  return (
    <>
      <h1>Library</h1>
      <p>The guideline documents Cairn answers from. They are stored on this computer.</p>
      {documents.state === 'ready' && documents.value.some((doc) => doc.builtIn) && (
        <p className="pack-note" data-testid="pack-note">
          Documents marked <strong>built in</strong> are Cairn's starter pack: short summaries written by Cairn
          from public guidelines, not NCCN or NCI content. For fuller answers, import the official NCCN
          Guidelines for Patients PDFs (free for personal use) or cancer.gov pages.
        </p>
      )}
      {documents.state === 'loading' && <p>Loading…</p>}
      {documents.state === 'error' && <p role="alert">Could not read the library: {documents.message}</p>}
      {documents.state === 'ready' && documents.value.length === 0 && (
        <p className="empty" data-testid="library-empty">
          Your library is empty. Importing from the app is not available yet in this version; for now,
          import guideline files with the command line: <code>cairn library import &lt;file or folder&gt;</code>.
        </p>
      )}
      {documents.state === 'ready' && documents.value.length > 0 && (
        <table className="documents">
          <caption>Documents in your library</caption>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Publisher</th>
              <th scope="col">Cancer types</th>
              <th scope="col">Passages</th>
            </tr>
          </thead>
          <tbody>
            {documents.value.map((doc) => (
              <tr key={doc.id}>
                <td>
                  {doc.title}
                  {doc.builtIn && <span className="badge"> built in</span>}
                </td>
                <td>{doc.publisher ?? '—'}</td>
                <td>{doc.cancerTypes.join(', ') || '—'}</td>
                <td>{doc.chunkCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

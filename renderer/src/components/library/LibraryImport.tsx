import { useId, useRef, useState, type DragEvent } from 'react';
import type { CairnApi } from '../../../../core/api/contract';
import type { ImportProgress, ImportReport } from '../../../../core/library/importFiles';
import { messageOf, useTask } from '../../useTask';
import { baseName, count } from './fileNames';

export const LIBRARY_ACCEPT = '.pdf,.html,.htm,.md,.txt,.jsonl';
const ACCEPTED = LIBRARY_ACCEPT.split(',');

const PHASES: Record<ImportProgress['phase'], string> = {
  reading: 'Reading',
  parsing: 'Finding the sections',
  embedding: 'Indexing the passages',
  writing: 'Saving',
};

/** Files that never reached core (not a guideline format, or the file could not be handed over). */
type Refused = { file: string; reason: string };

/**
 * Import guideline files: a file picker and a drop zone, per-file progress in a live region, a
 * Cancel button, and the report (added / skipped / failed with each failure's reason).
 */
export function LibraryImport({ api, onImported }: { api: CairnApi; onImported: () => void }) {
  const task = useTask(api, 'library', { resumeKey: 'cairn.libraryTask', onFinish: onImported });
  const [refused, setRefused] = useState<Refused[]>([]);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const inputId = useId();
  const { state } = task;

  const importFiles = async (files: File[]) => {
    if (files.length === 0 || task.running) return;
    task.reset();
    const notAccepted: Refused[] = [];
    const wanted = files.filter((file) => {
      const ok = ACCEPTED.some((ext) => file.name.toLowerCase().endsWith(ext));
      if (!ok) notAccepted.push({ file: file.name, reason: 'Cairn cannot read this kind of file. Use a PDF, a web page (.html), Markdown (.md), text (.txt) or JSONL file.' });
      return ok;
    });
    const paths: string[] = [];
    for (const file of wanted) {
      try {
        paths.push(await api.pathForFile(file));
      } catch (error) {
        notAccepted.push({ file: file.name, reason: `${messageOf(error)} Try choosing the file again.` });
      }
    }
    setRefused(notAccepted);
    if (input.current) input.current.value = '';
    if (paths.length > 0) task.start(() => api.invoke('library/import', { paths }));
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    void importFiles(Array.from(event.dataTransfer.files));
  };

  return (
    <section className="ls-panel" aria-labelledby="library-import-heading">
      <h2 id="library-import-heading">Add guideline files</h2>
      <div
        className={over ? 'ls-drop ls-drop-over' : 'ls-drop'}
        data-testid="library-drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <label htmlFor={inputId}>Choose files to import</label>
        <p id={hintId} className="ls-hint">
          Or drop them here. PDF, web pages (.html), Markdown, text or JSONL files, such as the NCCN Guidelines for
          Patients PDFs or pages saved from cancer.gov. They are copied into Cairn's data folder and stay on this computer.
        </p>
        <input
          ref={input}
          id={inputId}
          type="file"
          multiple
          accept={LIBRARY_ACCEPT}
          aria-describedby={hintId}
          disabled={task.running}
          onChange={(event) => void importFiles(Array.from(event.target.files ?? []))}
        />
      </div>

      <div role="status" aria-live="polite" className="ls-live" data-testid="library-import-status">
        {state.phase === 'running' && <ImportRunning progress={state.latest?.type === 'import' ? state.latest.progress : null} cancelling={state.cancelling} />}
        {state.phase === 'done' && 'added' in state.result && <ImportResult report={state.result} refused={refused} />}
        {state.phase === 'idle' && refused.length > 0 && <ImportResult report={null} refused={refused} />}
        {state.phase === 'cancelled' && <p>Import cancelled. Documents finished before that are kept.</p>}
      </div>
      {state.phase === 'failed' && (
        <p role="alert" className="error">
          The import stopped: {state.message} Try again; if it keeps failing, import fewer files at a time.
        </p>
      )}
      {task.running && (
        <button type="button" className="secondary" onClick={task.cancel} disabled={state.phase === 'running' && state.cancelling}>
          {state.phase === 'running' && state.cancelling ? 'Cancelling…' : 'Cancel import'}
        </button>
      )}
    </section>
  );
}

function ImportRunning({ progress, cancelling }: { progress: ImportProgress | null; cancelling: boolean }) {
  if (!progress) return <p className="ls-progress-line">{cancelling ? 'Cancelling the import…' : 'Starting the import…'}</p>;
  const details: string[] = [PHASES[progress.phase]];
  if (progress.page !== undefined && progress.pages !== undefined) details.push(`page ${progress.page} of ${progress.pages}`);
  if (progress.chunksEmbedded !== undefined && progress.chunksTotal !== undefined) details.push(`${progress.chunksEmbedded} of ${progress.chunksTotal} passages indexed`);
  return (
    <div className="ls-progress">
      <p className="ls-progress-line">
        {cancelling ? 'Cancelling after ' : 'Importing '}file {progress.fileIndex} of {progress.fileCount}: <strong>{baseName(progress.file)}</strong>
      </p>
      <p className="ls-progress-line" data-testid="library-import-phase">{details.join(' · ')}</p>
      <progress className="ls-bar" max={progress.fileCount} value={progress.fileIndex - 1 + fileFraction(progress)} aria-label="Import progress" />
    </div>
  );
}

/** How far into the current file the import is, 0..1. */
function fileFraction(progress: ImportProgress): number {
  if (progress.chunksTotal && progress.chunksEmbedded !== undefined) return 0.3 + 0.6 * (progress.chunksEmbedded / progress.chunksTotal);
  if (progress.pages && progress.page !== undefined) return 0.3 * (progress.page / progress.pages);
  return progress.phase === 'writing' ? 0.95 : 0;
}

function ImportResult({ report, refused }: { report: ImportReport | null; refused: Refused[] }) {
  const failed = [...refused, ...(report?.failed ?? [])];
  return (
    <div className="ls-report" data-testid="library-import-report">
      {report?.cancelled && <p>Import cancelled. Documents finished before that are kept.</p>}
      {report && (
        <p>
          <strong>{report.added.length > 0 ? `Added ${count(report.added.length, 'document')}` : 'No document was added'}</strong>
          {report.added.length > 0 && `: ${report.added.map((doc) => doc.title).join(', ')}.`}
        </p>
      )}
      {report && report.skipped.length > 0 && (
        <>
          <p>Skipped {count(report.skipped.length, 'file')}:</p>
          <ul>
            {report.skipped.map((item) => (
              <li key={item.file}>
                <strong>{baseName(item.file)}</strong>: {item.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {failed.length > 0 && (
        <div className="ls-failed">
          <p>
            <strong>Could not import {count(failed.length, 'file')}:</strong>
          </p>
          <ul data-testid="library-import-failed">
            {failed.map((item) => (
              <li key={item.file}>
                <strong>{baseName(item.file)}</strong>: {item.reason}
              </li>
            ))}
          </ul>
          <p className="ls-hint">The rest of the files were imported. Fix or replace these files and import them again.</p>
        </div>
      )}
    </div>
  );
}

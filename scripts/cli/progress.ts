import cliProgress from 'cli-progress';
import type { ImportProgress } from '../../core/library/importFiles';
import type { CliIo } from './io';

export type ProgressStyle = 'bar' | 'lines' | 'quiet';

/** A bar on a terminal, a line per file in logs, nothing with `--json` (stderr stays one line on failure). */
export function progressStyle(json: boolean | undefined): ProgressStyle {
  if (json) return 'quiet';
  return process.stderr.isTTY ? 'bar' : 'lines';
}

/**
 * Shows import progress on stderr: a bar when stderr is a terminal, one line per file otherwise
 * (so logs stay readable). Never writes to stdout, which belongs to the result.
 */
export function importProgressReporter(io: CliIo, style: ProgressStyle): { update(progress: ImportProgress): void; stop(): void } {
  if (style === 'quiet') return { update() {}, stop() {} };
  if (style === 'lines') {
    let lastFile = '';
    return {
      update(progress) {
        if (progress.file === lastFile) return;
        lastFile = progress.file;
        io.stderr(`Importing ${progress.fileIndex}/${progress.fileCount}: ${progress.file}\n`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{bar} {percentage}% | file {fileIndex}/{fileCount} | {detail}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(progress) {
      const detail =
        progress.phase === 'embedding'
          ? `embedding ${progress.chunksEmbedded ?? 0}/${progress.chunksTotal ?? 0} passages`
          : progress.pages
            ? `${progress.phase} page ${progress.page ?? 0}/${progress.pages}`
            : progress.phase;
      const payload = { fileIndex: progress.fileIndex, fileCount: progress.fileCount, detail };
      const fileShare = progress.chunksTotal ? (progress.chunksEmbedded ?? 0) / progress.chunksTotal : 0;
      const value = Math.round(((progress.fileIndex - 1 + fileShare) / progress.fileCount) * 1000);
      if (!started) {
        bar.start(1000, value, payload);
        started = true;
      } else {
        bar.update(value, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

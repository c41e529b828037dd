/**
 * A document title from its file name: the last path component without its extension
 * ("guides/melanoma-2025.md" → "melanoma-2025"); the name itself when nothing would be left.
 */
export function titleFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  const stem = (dot > 0 ? base.slice(0, dot) : base).trim();
  return stem || base.trim() || fileName;
}

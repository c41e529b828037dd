/** The JSON fields of a draft whose text a person would read. */
const READABLE = /"(?:title|heading|text|question|why)"\s*:\s*"((?:[^"\\]|\\.)*)/g;

/**
 * The local model writes its draft as JSON; while it streams, show the words it has written so
 * far, one field a line, rather than the braces and keys. Text that is not JSON is shown as is.
 */
export function draftPreview(streamed: string): string {
  const text = streamed.trimStart();
  if (!text.startsWith('{')) return streamed;
  const lines: string[] = [];
  for (const match of text.matchAll(READABLE)) {
    const value = unescapeJson(match[1] ?? '').trim();
    if (value) lines.push(value);
  }
  return lines.join('\n');
}

function unescapeJson(value: string): string {
  const escapes: Record<string, string> = { n: '\n', t: ' ', r: '', b: '', f: '' };
  return value
    .replace(/\\u[0-9a-fA-F]{0,3}$/, '') // an escape cut off by the stream
    .replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, code: string) =>
      code.length === 5 ? String.fromCharCode(Number.parseInt(code.slice(1), 16)) : (escapes[code] ?? code),
    );
}

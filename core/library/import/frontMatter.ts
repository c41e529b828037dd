import { YAMLParseError, parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ImportRejected } from './types';
import type { ParsedDocument } from './types';

/** The document fields front matter can set. */
export type FrontMatterFields = Partial<
  Pick<ParsedDocument, 'title' | 'publisher' | 'edition' | 'cancerTypes' | 'sourceUrl' | 'licenseNote' | 'builtIn' | 'extra'>
>;

/** A Markdown file split at its front matter. */
export interface SplitFrontMatter {
  /** The YAML between the `---` fences; undefined when the file has no front matter. */
  yaml: string | undefined;
  /** Everything after the closing fence. */
  body: string;
}

const OPENING_FENCE = /^---[ \t]*$/;
const CLOSING_FENCE = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * Splits off front matter: a `---` line at the very start, up to the next `---` (or `...`) line.
 *
 * @throws ImportRejected when the opening fence is never closed.
 */
export function splitFrontMatter(text: string): SplitFrontMatter {
  const lines = text.split('\n');
  if (!OPENING_FENCE.test(lines[0] ?? '')) return { yaml: undefined, body: text };
  const close = lines.findIndex((line, index) => index > 0 && CLOSING_FENCE.test(line));
  if (close < 0) throw new ImportRejected('The front matter that starts on line 1 has no closing --- line.');
  return { yaml: lines.slice(1, close).join('\n'), body: lines.slice(close + 1).join('\n') };
}

/** YAML's null (an empty value) counts as not given. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === null ? undefined : value), schema.optional());
const text = z.union([z.string(), z.number()]).transform((value) => String(value).trim());
const names = z
  .union([z.string().transform((value) => value.split(',')), z.array(text)])
  .transform((list) => list.map((name) => String(name).trim()).filter((name) => name !== ''));

/** The front matter keys Cairn knows, with their snake_case and camelCase spellings. */
const KNOWN_FIELDS = z.object({
  title: optional(text),
  publisher: optional(text),
  edition: optional(text),
  year: optional(text),
  cancer_types: optional(names),
  cancerTypes: optional(names),
  source_url: optional(text),
  url: optional(text),
  license: optional(text),
  license_note: optional(text),
  built_in: optional(z.boolean()),
  builtIn: optional(z.boolean()),
});
type KnownKey = keyof z.infer<typeof KNOWN_FIELDS>;
const KNOWN_KEYS: ReadonlySet<string> = new Set(Object.keys(KNOWN_FIELDS.shape));

/** What each known field must be, for the rejection message. */
const EXPECTED: Record<KnownKey, string> = {
  title: 'text',
  publisher: 'text',
  edition: 'text',
  year: 'text',
  cancer_types: 'a list of cancer types',
  cancerTypes: 'a list of cancer types',
  source_url: 'a web address',
  url: 'a web address',
  license: 'text',
  license_note: 'text',
  built_in: 'true or false',
  builtIn: 'true or false',
};

/**
 * Reads front matter YAML into document fields. Known keys (title, publisher, edition or year,
 * cancer_types, source_url or url, license or license_note, built_in; camelCase works too) fill
 * the document's fields; every other key is kept as-is in `extra`.
 *
 * @param firstLine the file line the YAML starts on, so messages point at the right line.
 * @throws ImportRejected for invalid YAML, front matter that is not a mapping, or a known key
 *   with a value of the wrong kind.
 */
export function readFrontMatter(yaml: string, firstLine = 2): FrontMatterFields {
  const data = parseYamlOrReject(yaml, firstLine);
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ImportRejected('The front matter must be a list of "key: value" lines.');
  }
  const record = data as Record<string, unknown>;

  const parsed = KNOWN_FIELDS.safeParse(record);
  if (!parsed.success) {
    const key = parsed.error.issues[0]?.path[0];
    const expected = typeof key === 'string' && key in EXPECTED ? EXPECTED[key as KnownKey] : 'something else';
    throw new ImportRejected(`The front matter field "${String(key)}" must be ${expected}.`);
  }
  const known = parsed.data;

  const fields: FrontMatterFields = {};
  const set = <K extends keyof FrontMatterFields>(key: K, value: FrontMatterFields[K] | undefined): void => {
    if (value !== undefined && value !== '') fields[key] = value;
  };
  set('title', known.title);
  set('publisher', known.publisher);
  set('edition', known.edition ?? known.year);
  const cancerTypes = [...(known.cancer_types ?? []), ...(known.cancerTypes ?? [])];
  if (cancerTypes.length > 0) fields.cancerTypes = [...new Set(cancerTypes)];
  set('sourceUrl', known.source_url ?? known.url);
  set('licenseNote', known.license_note ?? known.license);
  set('builtIn', known.built_in ?? known.builtIn);

  const extra = Object.fromEntries(Object.entries(record).filter(([key]) => !KNOWN_KEYS.has(key)));
  // A year next to an edition would otherwise be lost.
  if (known.edition !== undefined && known.year !== undefined) extra['year'] = record['year'];
  if (Object.keys(extra).length > 0) fields.extra = extra;
  return fields;
}

function parseYamlOrReject(yaml: string, firstLine: number): unknown {
  try {
    return parseYaml(yaml);
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    // yaml's message ends with " at line N, column M:" and a code excerpt; keep the first sentence.
    const reason = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    const line = error.linePos?.[0]?.line;
    const where = line === undefined ? '' : ` on line ${line + firstLine - 1}`;
    throw new ImportRejected(`The front matter is not valid YAML${where}: ${lowerFirst(reason).replace(/\.$/, '')}.`);
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

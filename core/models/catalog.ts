import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CairnError } from '../errors';

/** A path inside the models folder: relative, forward slashes, no `..`, no empty segments. */
const relativePathSchema = z
  .string()
  .min(1)
  .refine((value) => !value.startsWith('/') && !value.includes('\\') && !/^[a-zA-Z]:/.test(value), 'must be a relative path with forward slashes')
  .refine((value) => value.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..'), 'must not contain empty, "." or ".." segments');

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

/** One file to download. `sizeBytes`/`sha256` are null until they have been checked at the source. */
const catalogFileSchema = z.strictObject({
  path: relativePathSchema,
  url: z.url({ protocol: /^https$/ }),
  sizeBytes: z.number().int().positive().nullable(),
  sha256: sha256Schema.nullable(),
});

const commonFields = {
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lowercase letters, digits, ".", "_" or "-"'),
  name: z.string().min(1),
  publisher: z.string().min(1),
  /** The Hugging Face repository the files come from. */
  repo: z.string().min(1),
  /** The commit the URLs are pinned to, or null while they point at `main`. */
  revision: z.string().min(1).nullable(),
  /** For display before a download (the exact size is `sizeBytes` when known). */
  approxSizeMB: z.number().positive(),
  license: z.string().min(1),
  licenseUrl: z.url(),
  /** Memory the model needs to run, roughly. */
  ramGB: z.number().positive(),
  contextLength: z.number().int().positive(),
  /** What is known and what was not verified. */
  note: z.string(),
};

const chatEntrySchema = z.strictObject({
  ...commonFields,
  kind: z.literal('chat'),
  /** The model suggested first. */
  default: z.boolean().optional(),
  /** A single GGUF file, saved as `<models folder>/<file.path>`. */
  file: catalogFileSchema,
  chatTemplate: z.string().min(1),
});

const embeddingEntrySchema = z.strictObject({
  ...commonFields,
  kind: z.literal('embedding'),
  /** The model folder (transformers.js layout) inside the models folder; `files[].path` are relative to it. */
  modelDir: relativePathSchema,
  files: z.array(catalogFileSchema).min(1),
  dimensions: z.number().int().positive(),
});

export const catalogEntrySchema = z.discriminatedUnion('kind', [chatEntrySchema, embeddingEntrySchema]);

export const catalogSchema = z
  .strictObject({
    version: z.literal(1),
    note: z.string(),
    models: z.array(catalogEntrySchema).min(1),
  })
  .superRefine((catalog, context) => {
    const seen = new Set<string>();
    for (const [index, entry] of catalog.models.entries()) {
      if (seen.has(entry.id)) context.addIssue({ code: 'custom', path: ['models', index, 'id'], message: `duplicate id "${entry.id}"` });
      seen.add(entry.id);
    }
    if (catalog.models.filter((entry) => entry.kind === 'chat' && entry.default).length > 1) {
      context.addIssue({ code: 'custom', path: ['models'], message: 'more than one default chat model' });
    }
  });

export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;
export type ChatCatalogEntry = Extract<CatalogEntry, { kind: 'chat' }>;
export type EmbeddingCatalogEntry = Extract<CatalogEntry, { kind: 'embedding' }>;
export type CatalogFile = z.infer<typeof catalogFileSchema>;

/**
 * Where `catalog.json` is: in the packaged app `<resources>/models/catalog.json` (copied there by
 * electron-builder's `extraResources`), else the repository's `models/catalog.json` (this file
 * is `core/models/catalog.ts` in development and `out/main/*.js` once bundled: both are two
 * folders below the repository root).
 */
export function defaultCatalogFile(): string {
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) {
    const packaged = path.join(resourcesPath, 'models', 'catalog.json');
    if (fs.existsSync(packaged)) return packaged;
  }
  return path.resolve(import.meta.dirname, '..', '..', 'models', 'catalog.json');
}

/**
 * Reads and validates the model catalog.
 * @param file Default: `defaultCatalogFile()`.
 * @throws CairnError `INTERNAL` when the file is missing or does not fit the schema (a packaging bug).
 */
export function loadCatalog(file: string = defaultCatalogFile()): Catalog {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CairnError('INTERNAL', `The model catalog ${file} cannot be read: ${(error as Error).message.split('\n', 1)[0]}.`, { cause: error });
  }
  const parsed = catalogSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'top level';
    throw new CairnError('INTERNAL', `The model catalog ${file} is not valid (${where}: ${issue?.message ?? 'unknown problem'}).`, { cause: parsed.error });
  }
  return parsed.data;
}

/** The catalog entry with this id, or a `MODEL_NOT_FOUND` error that lists the ids there are. */
export function findCatalogEntry(catalog: Catalog, id: string): CatalogEntry {
  const entry = catalog.models.find((model) => model.id === id);
  if (!entry) {
    throw new CairnError('MODEL_NOT_FOUND', `There is no model "${id}" in the catalog; choose one of: ${catalog.models.map((model) => model.id).join(', ')}.`);
  }
  return entry;
}

/** Every file of an entry with its path inside the models folder. */
export function catalogFiles(entry: CatalogEntry): CatalogFile[] {
  if (entry.kind === 'chat') return [entry.file];
  return entry.files.map((file) => ({ ...file, path: `${entry.modelDir}/${file.path}` }));
}

/** True when every file of the entry has a published sha256 to check the download against. */
export function isVerifiable(entry: CatalogEntry): boolean {
  return catalogFiles(entry).every((file) => file.sha256 !== null);
}

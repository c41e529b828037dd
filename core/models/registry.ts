import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CairnError } from '../errors';
import { dataDirLayout } from '../paths';
import { readSetting, writeSetting, type Database } from '../store';

/** Settings keys (the `settings` table). */
const MODELS_SETTING = 'models';
const ACTIVE_SETTING = 'activeModel';

export const installedModelSchema = z.object({
  /** The catalog id for a catalog model, else one made from the file name. */
  id: z.string().min(1),
  name: z.string().min(1),
  /** `chat` answers questions (GGUF, llama.cpp); `embedding` is a search model folder (ONNX, transformers.js). */
  kind: z.enum(['chat', 'embedding']),
  /** The GGUF file, or the embedding model's folder. Absolute when read through the registry. */
  file: z.string().min(1),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  source: z.enum(['download', 'import']),
  /** `general.architecture` for GGUF (e.g. `qwen2`), `model_type` for an embedding model. */
  architecture: z.string().nullable(),
  contextLength: z.number().int().positive().nullable(),
  /** ISO time. */
  addedAt: z.string().min(1),
});

export type InstalledModel = z.infer<typeof installedModelSchema>;

/** Read leniently, one entry at a time, so one entry a newer Cairn wrote differently does not hide the rest. */
const storedListSchema = z.array(z.unknown());
const writeListSchema = z.array(installedModelSchema);
const activeSchema = z.string().min(1);

export interface RemoveResult {
  removed: InstalledModel;
  /** True when the model's file (or folder) was deleted: only ever inside the data directory's `models/`. */
  deletedFile: boolean;
}

/**
 * The installed models and the active answer model, kept in the `settings` table. Files inside
 * the data directory's `models/` folder are recorded relative to it, so the data directory can
 * move; files registered in place elsewhere are recorded with their absolute path.
 */
export class ModelRegistry {
  readonly #db: Database;
  /** `<data dir>/models`: where downloads and imported copies live. */
  readonly modelsDir: string;

  constructor(db: Database, dataDir: string) {
    this.#db = db;
    this.modelsDir = path.join(path.resolve(dataDir), dataDirLayout.models);
  }

  /** Every installed model, oldest first, with absolute file paths. */
  list(): InstalledModel[] {
    return this.#readStored().map((model) => ({ ...model, file: path.resolve(this.modelsDir, model.file) }));
  }

  get(id: string): InstalledModel | undefined {
    return this.list().find((model) => model.id === id);
  }

  /** The model with this id, or `MODEL_NOT_FOUND`. */
  require(id: string): InstalledModel {
    const model = this.get(id);
    if (model) return model;
    const ids = this.list().map((m) => m.id);
    throw new CairnError('MODEL_NOT_FOUND', `No model "${id}" is installed${ids.length ? `; installed: ${ids.join(', ')}` : ''}.`);
  }

  /**
   * Records a model (replacing one with the same id). The first chat model becomes the active one
   * when none is active.
   */
  add(model: InstalledModel): InstalledModel {
    const stored = { ...installedModelSchema.parse(model), file: this.#toStored(model.file) };
    this.#db.transaction(() => {
      const others = this.#readStored().filter((m) => m.id !== model.id);
      writeSetting(this.#db, MODELS_SETTING, writeListSchema, [...others, stored]);
      if (model.kind === 'chat' && !this.active()) writeSetting(this.#db, ACTIVE_SETTING, activeSchema, model.id);
    })();
    return this.require(model.id);
  }

  /** The id of the active answer model, or null. */
  activeId(): string | null {
    return this.active()?.id ?? null;
  }

  /** The model Cairn answers with, or null when none is chosen (or the chosen one was removed). */
  active(): InstalledModel | null {
    const id = readSetting(this.#db, ACTIVE_SETTING, activeSchema);
    const model = id === undefined ? undefined : this.get(id);
    return model?.kind === 'chat' ? model : null;
  }

  /** Makes an installed chat model the one Cairn answers with. */
  setActive(id: string): InstalledModel {
    const model = this.require(id);
    if (model.kind !== 'chat') throw new CairnError('INVALID_INPUT', `"${id}" is a search (embedding) model; choose a chat model to answer with.`);
    writeSetting(this.#db, ACTIVE_SETTING, activeSchema, id);
    return model;
  }

  /**
   * Forgets a model and deletes its file when the file lives in the data directory's `models/`
   * folder (and no other entry uses it). A file registered in place elsewhere is left alone.
   * Removing the active model leaves no model active.
   */
  remove(id: string): RemoveResult {
    const removed = this.require(id);
    const rest = this.list().filter((m) => m.id !== id);
    this.#db.transaction(() => {
      writeSetting(this.#db, MODELS_SETTING, writeListSchema, this.#readStored().filter((m) => m.id !== id));
      if (readSetting(this.#db, ACTIVE_SETTING, activeSchema) === id) this.#db.prepare('DELETE FROM settings WHERE key = ?').run(ACTIVE_SETTING);
    })();
    const shared = rest.some((m) => m.file === removed.file);
    const deletedFile = !shared && isInside(this.modelsDir, removed.file) && deletePath(removed.file);
    return { removed, deletedFile };
  }

  #readStored(): InstalledModel[] {
    const raw = readSetting(this.#db, MODELS_SETTING, storedListSchema) ?? [];
    return raw.flatMap((entry) => {
      const parsed = installedModelSchema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
  }

  #toStored(file: string): string {
    const absolute = path.resolve(file);
    return isInside(this.modelsDir, absolute) ? path.relative(this.modelsDir, absolute).split(path.sep).join('/') : absolute;
  }
}

/** True when `child` is strictly inside `parent` (never `parent` itself). */
export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(path.resolve(parent), path.resolve(child));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function deletePath(target: string): boolean {
  if (!fs.existsSync(target)) return false;
  fs.rmSync(target, { recursive: true, force: true });
  return true;
}

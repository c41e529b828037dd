import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CairnError } from '../../../core/errors';
import { ModelRegistry, type InstalledModel } from '../../../core/models';
import { openStore, type Store } from '../../../core/store';
import { tempDir } from '../../support/tempDir';

const stores: Store[] = [];

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

function open(): { store: Store; registry: ModelRegistry } {
  const store = openStore({ dataDir: tempDir() });
  stores.push(store);
  return { store, registry: new ModelRegistry(store.db, store.dataDir) };
}

function model(id: string, file: string, overrides: Partial<InstalledModel> = {}): InstalledModel {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, id);
  return { id, name: id.toUpperCase(), kind: 'chat', file, sizeBytes: id.length, source: 'import', architecture: 'llama', contextLength: 2048, addedAt: '2026-01-01T00:00:00.000Z', ...overrides };
}

function codeOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(CairnError);
    return (error as CairnError).code;
  }
  throw new Error('expected a CairnError');
}

describe('ModelRegistry', () => {
  it('makes the first chat model active and switches with setActive', () => {
    const { registry } = open();
    expect(registry.list()).toEqual([]);
    expect(registry.active()).toBeNull();

    registry.add(model('embed', path.join(registry.modelsDir, 'Xenova', 'bge', 'config.json'), { kind: 'embedding' }));
    expect(registry.activeId()).toBeNull();
    registry.add(model('first', path.join(registry.modelsDir, 'first.gguf')));
    registry.add(model('second', path.join(registry.modelsDir, 'second.gguf')));
    expect(registry.activeId()).toBe('first');

    expect(registry.setActive('second').id).toBe('second');
    expect(registry.active()?.name).toBe('SECOND');
    expect(codeOf(() => registry.setActive('embed'))).toBe('INVALID_INPUT');
    expect(codeOf(() => registry.setActive('missing'))).toBe('MODEL_NOT_FOUND');
    expect(registry.list().map((m) => m.id)).toEqual(['embed', 'first', 'second']);
  });

  it('replaces an entry with the same id', () => {
    const { registry } = open();
    registry.add(model('one', path.join(registry.modelsDir, 'one.gguf')));
    registry.add({ ...model('one', path.join(registry.modelsDir, 'one.gguf')), name: 'Renamed' });
    expect(registry.list().map((m) => m.name)).toEqual(['Renamed']);
  });

  it('removes a model, deleting its file only inside the models folder', () => {
    const { registry } = open();
    const inside = model('inside', path.join(registry.modelsDir, 'inside.gguf'));
    const outside = model('outside', path.join(tempDir(), 'outside.gguf'));
    registry.add(inside);
    registry.add(outside);
    expect(registry.activeId()).toBe('inside');

    expect(registry.remove('inside')).toMatchObject({ removed: { id: 'inside' }, deletedFile: true });
    expect(fs.existsSync(inside.file)).toBe(false);
    expect(registry.active()).toBeNull(); // removing the active model leaves none active

    expect(registry.remove('outside')).toMatchObject({ deletedFile: false });
    expect(fs.existsSync(outside.file)).toBe(true);
    expect(registry.list()).toEqual([]);
    expect(codeOf(() => registry.remove('outside'))).toBe('MODEL_NOT_FOUND');
  });

  it('removes an embedding model folder but never the models folder itself', () => {
    const { registry } = open();
    const folder = path.join(registry.modelsDir, 'Xenova', 'bge-small-en-v1.5');
    model('bge', path.join(folder, 'onnx', 'model.onnx'));
    registry.add({ ...model('bge', path.join(folder, 'config.json')), kind: 'embedding', file: folder });
    registry.add({ ...model('everything', path.join(registry.modelsDir, 'x.gguf')), file: registry.modelsDir });

    expect(registry.remove('bge').deletedFile).toBe(true);
    expect(fs.existsSync(folder)).toBe(false);
    expect(registry.remove('everything').deletedFile).toBe(false);
    expect(fs.existsSync(path.join(registry.modelsDir, 'x.gguf'))).toBe(true);
  });

  it('stores paths inside the data directory relative to it, and skips entries it cannot read', () => {
    const { store, registry } = open();
    registry.add(model('one', path.join(registry.modelsDir, 'one.gguf')));
    const raw = store.db.prepare("SELECT value FROM settings WHERE key = 'models'").get() as { value: string };
    const stored = JSON.parse(raw.value) as Array<Record<string, unknown>>;
    expect(stored[0]!.file).toBe('one.gguf');

    store.db.prepare("UPDATE settings SET value = ? WHERE key = 'models'").run(JSON.stringify([{ id: 'broken' }, ...stored]));
    expect(registry.list().map((m) => m.id)).toEqual(['one']);
    expect(registry.get('one')?.file).toBe(path.join(registry.modelsDir, 'one.gguf'));
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAIRN_APPLICATION_ID, MIGRATIONS, openStore, type Migration } from '../../../core/store';
import { connect } from '../../../core/store/sqlite';
import { tempDir } from '../../support/tempDir';

const latest = MIGRATIONS.at(-1)!.version;

function tableNames(dataDir: string): string[] {
  const store = openStore({ dataDir });
  try {
    return (store.db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table') ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  } finally {
    store.close();
  }
}

describe('store migrations', () => {
  it('creates the library schema on a new data directory', () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    const store = openStore({ dataDir });
    try {
      expect(store.migration).toMatchObject({ from: 0, to: latest });
      expect(store.migration.applied).toEqual(['10-create-library', '20-index-titles', '30-term-statistics', '40-section-sources']);
      expect(store.db.pragma('user_version', { simple: true })).toBe(latest);
      expect(store.db.pragma('application_id', { simple: true })).toBe(CAIRN_APPLICATION_ID);
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(fs.existsSync(path.join(dataDir, 'models'))).toBe(true);
      expect(fs.existsSync(path.join(dataDir, 'imports'))).toBe(true);
    } finally {
      store.close();
    }
    expect(tableNames(dataDir)).toEqual(expect.arrayContaining(['documents', 'sections', 'chunks', 'chunks_fts', 'vector_index', 'settings']));
  });

  it('reopens without re-running migrations and keeps the data', () => {
    const dataDir = tempDir();
    const first = openStore({ dataDir });
    first.db.prepare("INSERT INTO documents (title, format, content_hash, imported_at) VALUES ('Melanoma', 'markdown', 'h1', '2026-11-21')").run();
    first.close();

    const second = openStore({ dataDir });
    try {
      expect(second.migration).toEqual({ from: latest, to: latest, applied: [] });
      expect(second.db.prepare('SELECT title FROM documents').all()).toEqual([{ title: 'Melanoma' }]);
    } finally {
      second.close();
    }
  });

  it('deletes a document’s sections and chunks with it (foreign keys on)', () => {
    const store = openStore({ dataDir: tempDir() });
    try {
      const doc = store.db.prepare("INSERT INTO documents (title, format, content_hash, imported_at) VALUES ('T', 'text', 'h', 'now')").run().lastInsertRowid;
      const section = store.db.prepare("INSERT INTO sections (document_id, ord, heading, path, level) VALUES (?, 0, 'Treatment', 'Treatment', 1)").run(doc).lastInsertRowid;
      const chunk = store.db.prepare("INSERT INTO chunks (document_id, section_id, ord, text) VALUES (?, ?, 0, 'surgery')").run(doc, section).lastInsertRowid;
      store.db.prepare("INSERT INTO chunks_fts (rowid, title, section_path, text) VALUES (?, 'T', 'Treatment', 'surgery')").run(chunk);
      expect(store.db.prepare("SELECT count(*) AS n FROM chunks_fts WHERE chunks_fts MATCH 'surgery'").get()).toEqual({ n: 1 });
      store.db.prepare('DELETE FROM documents WHERE id = ?').run(doc);
      expect(store.db.prepare('SELECT count(*) AS n FROM chunks').get()).toEqual({ n: 0 });
      expect(store.db.prepare("SELECT count(*) AS n FROM chunks_fts WHERE chunks_fts MATCH 'surgery'").get()).toEqual({ n: 0 });
    } finally {
      store.close();
    }
  });

  it('applies pending migrations all together, or none when one fails', () => {
    const dataDir = tempDir();
    openStore({ dataDir }).close();
    const failing: Migration[] = [
      ...MIGRATIONS,
      { version: latest + 10, name: 'add-notes', up: (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY)') },
      { version: latest + 20, name: 'broken', up: () => { throw new Error('boom'); } },
    ];
    expect(() => openStore({ dataDir, migrations: failing })).toThrow('boom');
    expect(tableNames(dataDir)).not.toContain('notes');

    const upgraded = openStore({ dataDir, migrations: failing.slice(0, -1) });
    try {
      expect(upgraded.migration).toEqual({ from: latest, to: latest + 10, applied: [`${latest + 10}-add-notes`] });
    } finally {
      upgraded.close();
    }
  });

  it('refuses a database written by a newer Cairn and leaves it as it was', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'cairn.db');
    openStore({ dataDir }).close();
    const raw = connect(file);
    raw.pragma('user_version = 9990');
    raw.close();
    const before = fs.readFileSync(file);

    expect(() => openStore({ dataDir })).toThrow(expect.objectContaining({ code: 'DATABASE_TOO_NEW' }));
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('rejects a migration list that is out of order', () => {
    const bad: Migration[] = [MIGRATIONS[0]!, { ...MIGRATIONS[0]!, name: 'again' }];
    expect(() => openStore({ dataDir: tempDir(), migrations: bad })).toThrow(/out of order/);
  });

  it('uses the chunk indexes for the library’s lookups', () => {
    const store = openStore({ dataDir: tempDir() });
    try {
      const plan = (sql: string) => (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
      expect(plan('SELECT * FROM chunks WHERE document_id = 1 ORDER BY ord')).toContain('chunks_document');
      expect(plan("SELECT * FROM chunks WHERE external_id = 'cgov-1'")).toContain('chunks_external_id');
      expect(plan("SELECT id FROM documents WHERE content_hash = 'x'")).toContain('documents_content_hash');
    } finally {
      store.close();
    }
  });
});


describe('migration 20: index titles', () => {
  it('moves existing chunks into the titled BM25 index', () => {
    const dataDir = tempDir();
    const old = openStore({ dataDir, migrations: MIGRATIONS.slice(0, 1) });
    const doc = old.db.prepare("INSERT INTO documents (title, format, content_hash, imported_at) VALUES ('Melanoma Treatment', 'text', 'h', 'now')").run().lastInsertRowid;
    old.db.prepare("INSERT INTO chunks (document_id, ord, section_path, text) VALUES (?, 0, 'Surgery', 'Removing the tumor.')").run(doc);
    old.close();

    const store = openStore({ dataDir });
    try {
      expect(store.migration.applied).toEqual(['20-index-titles', '30-term-statistics', '40-section-sources']);
      const hit = store.db.prepare("SELECT title, section_path AS sectionPath FROM chunks_fts WHERE chunks_fts MATCH 'title:melanoma'").get();
      expect(hit).toEqual({ title: 'Melanoma Treatment', sectionPath: 'Surgery' });
    } finally {
      store.close();
    }
  });
});

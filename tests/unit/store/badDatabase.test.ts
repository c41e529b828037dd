import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../core/store';
import { connect } from '../../../core/store/sqlite';
import { tempDir } from '../../support/tempDir';

/** Opening must fail with a plain error and leave every byte of the bad file as it was. */
function expectRefusedUntouched(dataDir: string, code: string, message: RegExp): void {
  const file = path.join(dataDir, 'cairn.db');
  const before = fs.readFileSync(file);
  let thrown: unknown;
  try {
    openStore({ dataDir }).close();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toMatchObject({ code });
  expect((thrown as Error).message).toMatch(message);
  expect((thrown as Error).message).not.toContain('\n');
  expect(fs.readFileSync(file).equals(before)).toBe(true);
  // A read-only look at a WAL database may leave an empty -wal file beside it; never content.
  if (fs.existsSync(`${file}-wal`)) expect(fs.statSync(`${file}-wal`).size).toBe(0);
}

describe('opening a bad database', () => {
  it('refuses a file that is not SQLite at all', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'cairn.db'), 'These are my notes, not a database.\n'.repeat(200));
    expectRefusedUntouched(dataDir, 'DATABASE_FOREIGN', /is not a Cairn database.*left it untouched/);
  });

  it('refuses another program’s SQLite database', () => {
    const dataDir = tempDir();
    const other = connect(path.join(dataDir, 'cairn.db'));
    other.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');");
    other.close();
    expectRefusedUntouched(dataDir, 'DATABASE_FOREIGN', /belongs to another program/);
  });

  it('refuses a damaged Cairn database', () => {
    const dataDir = tempDir();
    const store = openStore({ dataDir });
    const insert = store.db.prepare("INSERT INTO chunks (document_id, ord, text) VALUES (?, ?, ?)");
    const doc = store.db.prepare("INSERT INTO documents (title, format, content_hash, imported_at) VALUES ('T', 'text', 'h', 'now')").run().lastInsertRowid;
    store.db.transaction(() => {
      for (let i = 0; i < 400; i += 1) insert.run(doc, i, `passage ${i} about treatment options `.repeat(20));
    })();
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();

    const file = path.join(dataDir, 'cairn.db');
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over the b-tree pages after the first few, as a failing disk would.
    for (let offset = pageSize * 3; offset < bytes.length; offset += pageSize) bytes.fill(0xa5, offset, offset + 64);
    fs.writeFileSync(file, bytes);

    expectRefusedUntouched(dataDir, 'DATABASE_DAMAGED', /is damaged.*left it untouched/);
  });

  it('treats an empty cairn.db as a new library', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'cairn.db'), '');
    const store = openStore({ dataDir });
    expect(store.migration.from).toBe(0);
    store.close();
  });
});

describe('a data directory that cannot be used', () => {
  it('says so in one line when a file is in the way', () => {
    const blocker = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    expect(() => openStore({ dataDir: blocker })).toThrow(expect.objectContaining({
      code: 'DATA_DIR_UNUSABLE',
      message: expect.stringMatching(/^Cannot use the data directory .*not-a-folder: a file is in the way/),
    }));
    expect(() => openStore({ dataDir: path.join(blocker, 'data') })).toThrow(expect.objectContaining({ code: 'DATA_DIR_UNUSABLE' }));
    expect(fs.readFileSync(blocker, 'utf8')).toBe('x');
  });
});

import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CairnError } from '../../../core/errors';
import { downloadFile, type DownloadProgress } from '../../../core/models';
import { tempDir } from '../../support/tempDir';
import { startFileServer, type FileServer } from './fileServer';

const SIZE = 3 * 1024 * 1024 + 123;
const body = randomBytes(SIZE);
const sha256 = createHash('sha256').update(body).digest('hex');

let server: FileServer;

beforeAll(async () => {
  server = await startFileServer(body);
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  Object.assign(server.behaviour, { ranges: true, cutAfter: null, stallAfter: null });
  server.ranges.length = 0;
});

/** The CairnError `promise` rejects with. */
async function failure(promise: Promise<unknown>): Promise<CairnError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CairnError);
  return error as CairnError;
}

describe('downloadFile', () => {
  it('downloads the whole file with progress and a checked sha256', async () => {
    const dest = path.join(tempDir(), 'models', 'model.gguf');
    const progress: DownloadProgress[] = [];

    const result = await downloadFile({ url: server.url, dest, expectedSha256: sha256, expectedSize: SIZE, onProgress: (p) => progress.push(p) });

    expect(result).toEqual({ file: dest, sizeBytes: SIZE, sha256, verified: true, resumedFrom: 0 });
    expect(fs.readFileSync(dest).equals(body)).toBe(true);
    expect(fs.existsSync(`${dest}.part`)).toBe(false);
    expect(server.ranges).toEqual([undefined]);
    expect(progress[0]).toEqual({ receivedBytes: 0, totalBytes: SIZE });
    expect(progress.at(-1)).toEqual({ receivedBytes: SIZE, totalBytes: SIZE });
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.receivedBytes).toBeGreaterThanOrEqual(progress[i - 1]!.receivedBytes);
  });

  it('resumes a download cut halfway with a Range request and checks the whole file', async () => {
    const dest = path.join(tempDir(), 'model.gguf');
    server.behaviour.cutAfter = Math.floor(SIZE / 2);

    const cut = await failure(downloadFile({ url: server.url, dest, expectedSha256: sha256 }));
    expect(cut.code).toBe('DOWNLOAD_FAILED');
    expect(cut.message).toMatch(/run the download again to resume/);
    const kept = fs.statSync(`${dest}.part`).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(SIZE);
    expect(fs.existsSync(dest)).toBe(false);

    server.behaviour.cutAfter = null;
    const progress: DownloadProgress[] = [];
    const result = await downloadFile({ url: server.url, dest, expectedSha256: sha256, onProgress: (p) => progress.push(p) });

    expect(server.ranges).toEqual([undefined, `bytes=${kept}-`]);
    expect(result).toMatchObject({ sizeBytes: SIZE, sha256, verified: true, resumedFrom: kept });
    expect(progress[0]).toEqual({ receivedBytes: kept, totalBytes: SIZE });
    expect(fs.readFileSync(dest).equals(body)).toBe(true);
    expect(fs.existsSync(`${dest}.part`)).toBe(false);
  });

  it('rejects a file whose sha256 does not match and leaves no file behind', async () => {
    const dir = tempDir();
    const dest = path.join(dir, 'model.gguf');

    const error = await failure(downloadFile({ url: server.url, dest, expectedSha256: 'a'.repeat(64) }));

    expect(error.code).toBe('CHECKSUM_MISMATCH');
    expect(error.message).toBe('The downloaded model.gguf is damaged or not the published file (its checksum does not match), so it was deleted; try the download again.');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('keeps the .part file when cancelled, and resumes from it later', async () => {
    const dest = path.join(tempDir(), 'model.gguf');
    server.behaviour.stallAfter = 256 * 1024;
    const controller = new AbortController();

    const error = await failure(
      downloadFile({
        url: server.url,
        dest,
        expectedSha256: sha256,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.receivedBytes > 0) controller.abort();
        },
      }),
    );

    expect(error.code).toBe('CANCELLED');
    const kept = fs.statSync(`${dest}.part`).size;
    expect(kept).toBeGreaterThan(0);
    expect(fs.existsSync(dest)).toBe(false);

    server.behaviour.stallAfter = null;
    const result = await downloadFile({ url: server.url, dest, expectedSha256: sha256 });
    expect(result.resumedFrom).toBe(kept);
    expect(fs.readFileSync(dest).equals(body)).toBe(true);
  });

  it('starts over cleanly when the server ignores Range (200 on resume)', async () => {
    const dest = path.join(tempDir(), 'model.gguf');
    server.behaviour.cutAfter = 1024 * 1024;
    await failure(downloadFile({ url: server.url, dest, expectedSha256: sha256 }));
    const kept = fs.statSync(`${dest}.part`).size;
    expect(kept).toBeGreaterThan(0);

    Object.assign(server.behaviour, { cutAfter: null, ranges: false });
    const progress: DownloadProgress[] = [];
    const result = await downloadFile({ url: server.url, dest, expectedSha256: sha256, onProgress: (p) => progress.push(p) });

    expect(server.ranges[1]).toBe(`bytes=${kept}-`);
    expect(result).toMatchObject({ sizeBytes: SIZE, sha256, resumedFrom: 0 });
    expect(progress[0]).toEqual({ receivedBytes: 0, totalBytes: SIZE });
    expect(fs.readFileSync(dest).equals(body)).toBe(true);
  });

  it('finishes a .part that is already complete (416 from the server)', async () => {
    const dest = path.join(tempDir(), 'model.gguf');
    fs.writeFileSync(`${dest}.part`, body);

    const result = await downloadFile({ url: server.url, dest, expectedSha256: sha256 });

    expect(server.ranges).toEqual([`bytes=${SIZE}-`]);
    expect(result).toMatchObject({ sizeBytes: SIZE, sha256, resumedFrom: SIZE });
    expect(fs.readFileSync(dest).equals(body)).toBe(true);
  });

  it('refuses a file with no published sha256 unless allowed, before connecting', async () => {
    const dest = path.join(tempDir(), 'model.gguf');

    const error = await failure(downloadFile({ url: server.url, dest, expectedSha256: null }));
    expect(error.code).toBe('DOWNLOAD_UNVERIFIED');
    expect(server.ranges).toEqual([]);

    const result = await downloadFile({ url: server.url, dest, expectedSha256: null, allowUnverified: true });
    expect(result).toMatchObject({ sha256, verified: false });
  });

  it('stops when the server offers another size than expected', async () => {
    const dir = tempDir();
    const error = await failure(downloadFile({ url: server.url, dest: path.join(dir, 'model.gguf'), expectedSha256: sha256, expectedSize: SIZE + 1 }));

    expect(error.code).toBe('DOWNLOAD_FAILED');
    expect(error.message).toMatch(/instead of the expected/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('reports a missing file and an unreachable server in one sentence', async () => {
    const dest = path.join(tempDir(), 'model.gguf');
    const missing = await failure(downloadFile({ url: server.url.replace('model.gguf', 'nope.gguf'), dest, expectedSha256: sha256 }));
    expect(missing.message).toMatch(/^The server 127\.0\.0\.1:\d+ answered "404 Not Found" for nope\.gguf; try again later\.$/);

    const closed = await startFileServer(body);
    await closed.close();
    const unreachable = await failure(downloadFile({ url: closed.url, dest, expectedSha256: sha256 }));
    expect(unreachable.code).toBe('DOWNLOAD_FAILED');
    expect(unreachable.message).toMatch(/^Cairn could not reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  it('accepts only https, or http to this computer', async () => {
    const error = await failure(downloadFile({ url: 'http://example.org/model.gguf', dest: path.join(tempDir(), 'x.gguf'), expectedSha256: sha256 }));
    expect(error.code).toBe('INVALID_INPUT');
  });
});

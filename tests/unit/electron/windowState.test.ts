import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWindowState, saveWindowState, WINDOW_STATE_FILE } from '../../../electron/windowState';
import { tempDir } from '../../support/tempDir';

const laptop = [{ x: 0, y: 0, width: 1440, height: 900 }];

describe('the remembered window', () => {
  it('comes back where it was', () => {
    const dir = tempDir();
    saveWindowState(dir, { x: 100, y: 80, width: 1000, height: 700 }, true);
    expect(loadWindowState(dir, laptop)).toEqual({ x: 100, y: 80, width: 1000, height: 700, maximized: true });
  });

  it('is forgotten when its monitor is gone, or the file is damaged', () => {
    const dir = tempDir();
    saveWindowState(dir, { x: 2500, y: 100, width: 1000, height: 700 }, false);
    expect(loadWindowState(dir, laptop)).toBeNull();
    fs.writeFileSync(path.join(dir, WINDOW_STATE_FILE), '{"x": "left"');
    expect(loadWindowState(dir, laptop)).toBeNull();
    expect(loadWindowState(tempDir(), laptop)).toBeNull();
  });
});

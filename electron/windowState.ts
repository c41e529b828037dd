import fs from 'node:fs';
import path from 'node:path';
import type { Rectangle } from 'electron';
import { z } from 'zod';

/** The window's size and place, remembered between runs in `window-state.json` in the data folder. */
const windowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20000),
  height: z.number().int().min(200).max(20000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export const WINDOW_STATE_FILE = 'window-state.json';

/**
 * The saved state, if it is valid and still fits on a connected display (a monitor may have been
 * unplugged): at least a 100 x 100 corner of the window must be on one display's work area.
 */
export function loadWindowState(dataDir: string, displays: readonly Rectangle[]): WindowState | null {
  let saved: unknown;
  try {
    saved = JSON.parse(fs.readFileSync(path.join(dataDir, WINDOW_STATE_FILE), 'utf8'));
  } catch {
    return null;
  }
  const parsed = windowStateSchema.safeParse(saved);
  if (!parsed.success) return null;
  const state = parsed.data;
  const visible = displays.some((area) => overlap(state.x, state.width, area.x, area.width) >= 100 && overlap(state.y, state.height, area.y, area.height) >= 100);
  return visible ? state : null;
}

export function saveWindowState(dataDir: string, bounds: Rectangle, maximized: boolean): void {
  const state: WindowState = { x: Math.round(bounds.x), y: Math.round(bounds.y), width: Math.round(bounds.width), height: Math.round(bounds.height), maximized };
  const file = path.join(dataDir, WINDOW_STATE_FILE);
  try {
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(state));
    fs.renameSync(`${file}.tmp`, file);
  } catch {
    // Remembering the window is a convenience; failing to must never stop the app from closing.
  }
}

function overlap(start: number, length: number, areaStart: number, areaLength: number): number {
  return Math.min(start + length, areaStart + areaLength) - Math.max(start, areaStart);
}

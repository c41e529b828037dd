/** The reader's text size, kept in localStorage and applied as a class on the root element (the CSP allows no inline styles). */
export const TEXT_SIZES = [
  { id: 'normal', label: 'Normal', percent: 100 },
  { id: 'large', label: 'Large', percent: 125 },
  { id: 'largest', label: 'Largest', percent: 150 },
] as const;

export type TextSize = (typeof TEXT_SIZES)[number]['id'];

export const TEXT_SIZE_KEY = 'cairn.textSize';

function isTextSize(value: unknown): value is TextSize {
  return TEXT_SIZES.some((size) => size.id === value);
}

/** The saved size, or `normal`. */
export function readTextSize(): TextSize {
  try {
    const saved = localStorage.getItem(TEXT_SIZE_KEY);
    return isTextSize(saved) ? saved : 'normal';
  } catch {
    return 'normal';
  }
}

/** Sets `text-size-<id>` on the root element (and removes the others); see LibrarySettings.css. */
export function applyTextSize(size: TextSize, root: HTMLElement = document.documentElement): void {
  for (const other of TEXT_SIZES) root.classList.remove(`text-size-${other.id}`);
  root.classList.add(`text-size-${size}`);
}

/** Saves and applies a size. */
export function setTextSize(size: TextSize): void {
  try {
    localStorage.setItem(TEXT_SIZE_KEY, size);
  } catch {
    // Not saved (storage unavailable); still applied for this session.
  }
  applyTextSize(size);
}

/** At start-up: applies the saved size. */
export function applySavedTextSize(): void {
  if (typeof document !== 'undefined') applyTextSize(readTextSize());
}

/**
 * Whether the first-run welcome was seen, kept in localStorage. Not personal data: one flag that
 * says the person pressed "Start using Cairn" on this computer.
 */
export const WELCOME_SEEN_KEY = 'cairn.welcomeSeen';

/** True once the welcome was closed; false on first run (or when storage cannot be read). */
export function welcomeSeen(): boolean {
  try {
    return localStorage.getItem(WELCOME_SEEN_KEY) === '1';
  } catch {
    return false;
  }
}

/** Remembers that the welcome was seen, so it is not shown again. */
export function markWelcomeSeen(): void {
  try {
    localStorage.setItem(WELCOME_SEEN_KEY, '1');
  } catch {
    // Not saved (storage unavailable): the welcome is closed for this session only.
  }
}

/**
 * An error meant for the person using Cairn: `message` is one plain sentence that says what
 * happened and, where possible, what to do. `code` is stable, for programs and tests.
 */
export type CairnErrorCode =
  | 'DATA_DIR_UNUSABLE'
  | 'DATABASE_DAMAGED'
  | 'DATABASE_FOREIGN'
  | 'DATABASE_TOO_NEW'
  | 'INVALID_INPUT'
  | 'MODEL_NOT_INSTALLED'
  | 'MODEL_NOT_FOUND'
  | 'INVALID_MODEL'
  | 'DOWNLOAD_FAILED'
  | 'CANCELLED'
  | 'DOWNLOAD_UNVERIFIED'
  | 'CHECKSUM_MISMATCH'
  | 'UNKNOWN_METHOD'
  | 'RECORDS_LOCKED'
  | 'WRONG_PASSPHRASE'
  | 'RECORD_REJECTED'
  | 'NOT_FOUND'
  | 'INTERNAL';

export class CairnError extends Error {
  override readonly name: string = 'CairnError';
  readonly code: CairnErrorCode;

  constructor(code: CairnErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isCairnError(error: unknown): error is CairnError {
  return error instanceof CairnError;
}

/** One line for a person: a CairnError's own message, or a generic line for anything else. */
export function describeError(error: unknown): string {
  if (isCairnError(error)) return error.message;
  if (error instanceof Error && error.message) return `Unexpected error: ${firstLineOf(error)}`;
  return 'Unexpected error.';
}

/** The first line of an error's message (or of anything else, as text). */
export function firstLineOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split(/\r?\n/, 1)[0] ?? text;
}

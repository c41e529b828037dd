/** How a call's outcome crosses a process boundary: errors become data, never thrown objects. */
export type BridgeResult<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; error: BridgeErrorInfo };

export interface BridgeErrorInfo {
  code: string;
  message: string;
}

/** The error a bridge client throws: the plain message from core, and its code. */
export class BridgeError extends Error {
  override readonly name = 'BridgeError';
  readonly code: string;

  constructor(info: BridgeErrorInfo) {
    super(info.message);
    this.code = info.code;
  }
}

export function unwrapResult<T>(result: BridgeResult<T>): T {
  if (result.ok) return result.value;
  throw new BridgeError(result.error);
}

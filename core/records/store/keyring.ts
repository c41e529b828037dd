import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CairnError, firstLineOf } from '../../errors';
import { dataDirLayout } from '../../paths';

/**
 * The records key: 32 random bytes that encrypt `records.db`. It is never stored in the clear.
 * `records-key.json` holds it wrapped in one or more slots, like a LUKS header:
 * - a passphrase slot: scrypt(passphrase) -> AES-256-GCM (the command line);
 * - an OS-keychain slot: the key encrypted by Electron `safeStorage` (Keychain, DPAPI, libsecret).
 * Either slot opens the same database, so the desktop app and the command line share one store.
 * Deleting this file destroys the key, and with it every copy of the records (crypto-shredding).
 */

export const RECORDS_KEY_BYTES = 32;

/** Wraps the key with the OS keychain. The desktop app implements it with `safeStorage`. */
export interface KeyProtector {
  /** Which keychain ("kwallet6", "gnome_libsecret", "keychain", "dpapi"); recorded so a change is noticed. */
  readonly backend: string;
  encrypt(plain: Buffer): Buffer;
  decrypt(wrapped: Buffer): Buffer;
}

export type RecordsUnlock = { kind: 'passphrase'; passphrase: string } | { kind: 'os'; protector: KeyProtector };

const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
const SCRYPT_MAXMEM = 256 * 1024 * 1024;
/** Binds a wrapped key to its purpose, so a blob from elsewhere cannot be passed off as one. */
const AAD = Buffer.from('cairn records key v1');

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const passphraseSlotSchema = z.object({
  kind: z.literal('passphrase'),
  kdf: z.literal('scrypt'),
  N: z.number().int().positive(),
  r: z.number().int().positive(),
  p: z.number().int().positive(),
  salt: base64,
  iv: base64,
  tag: base64,
  wrappedKey: base64,
});
const osSlotSchema = z.object({ kind: z.literal('os'), backend: z.string().min(1), wrappedKey: base64 });
const keyringSchema = z.object({
  format: z.literal('cairn-records-keyring'),
  version: z.literal(1),
  createdAt: z.string(),
  slots: z.array(z.discriminatedUnion('kind', [passphraseSlotSchema, osSlotSchema])).min(1),
});
type Keyring = z.infer<typeof keyringSchema>;
type Slot = Keyring['slots'][number];

export function keyringPath(dataDir: string): string {
  return path.join(dataDir, dataDirLayout.recordsKeyring);
}

export function keyringExists(dataDir: string): boolean {
  return fs.existsSync(keyringPath(dataDir));
}

/** Which ways of unlocking the keyring has (for the UI: "type your passphrase" or not). */
export function keyringSlots(dataDir: string): { passphrase: boolean; os: string | null } | null {
  if (!keyringExists(dataDir)) return null;
  const keyring = readKeyring(dataDir);
  const os = keyring.slots.find((slot) => slot.kind === 'os');
  return { passphrase: keyring.slots.some((slot) => slot.kind === 'passphrase'), os: os?.kind === 'os' ? os.backend : null };
}

/** Makes a new random key, wrapped for `unlock`, and writes the keyring. Refuses to overwrite one. */
export function createKeyring(dataDir: string, unlock: RecordsUnlock): Buffer {
  if (keyringExists(dataDir)) throw new Error('A records keyring already exists; unlock it instead.');
  checkUnlock(unlock);
  const key = crypto.randomBytes(RECORDS_KEY_BYTES);
  writeKeyring(dataDir, { format: 'cairn-records-keyring', version: 1, createdAt: new Date().toISOString(), slots: [wrap(key, unlock)] });
  return key;
}

/**
 * The key, from whichever slot `unlock` fits.
 * @throws CairnError WRONG_PASSPHRASE when the passphrase does not open the passphrase slot;
 *   RECORDS_LOCKED when there is no slot of that kind or the OS keychain cannot unwrap it.
 */
export function unlockKeyring(dataDir: string, unlock: RecordsUnlock): Buffer {
  const keyring = readKeyring(dataDir);
  if (unlock.kind === 'passphrase') {
    const slot = keyring.slots.find((candidate) => candidate.kind === 'passphrase');
    if (slot?.kind !== 'passphrase') throw new CairnError('RECORDS_LOCKED', 'Your records are locked with the computer\'s keychain and have no passphrase; open them in the Cairn app, or add a passphrase there.');
    return unwrapWithPassphrase(slot, unlock.passphrase);
  }
  const slot = keyring.slots.find((candidate) => candidate.kind === 'os');
  if (slot?.kind !== 'os') throw new CairnError('RECORDS_LOCKED', 'Your records are locked with a passphrase; type it once to let this computer\'s keychain keep the key.');
  try {
    const key = unlock.protector.decrypt(Buffer.from(slot.wrappedKey, 'base64'));
    if (key.length !== RECORDS_KEY_BYTES) throw new Error('unexpected key length');
    return key;
  } catch (error) {
    throw new CairnError('RECORDS_LOCKED', `The computer's keychain (${slot.backend}) could not unlock your records (${firstLineOf(error)}); use your passphrase instead.`, { cause: error });
  }
}

/** Adds (or replaces) the slot of `unlock`'s kind, given the key already unlocked another way. */
export function addKeyringSlot(dataDir: string, key: Buffer, unlock: RecordsUnlock): void {
  checkUnlock(unlock);
  const keyring = readKeyring(dataDir);
  const slots = keyring.slots.filter((slot) => slot.kind !== unlock.kind);
  writeKeyring(dataDir, { ...keyring, slots: [...slots, wrap(key, unlock)] });
}

/** The OS backend the keyring's OS slot was made with, to notice a changed keychain. */
export function keyringOsBackend(dataDir: string): string | null {
  return keyringSlots(dataDir)?.os ?? null;
}

/** Removes the keyring file: the records key is gone for good. */
export function destroyKeyring(dataDir: string): void {
  fs.rmSync(keyringPath(dataDir), { force: true });
}

// ---------------------------------------------------------------------------------------------

function checkUnlock(unlock: RecordsUnlock): void {
  if (unlock.kind === 'passphrase' && unlock.passphrase.length < 8) {
    throw new CairnError('INVALID_INPUT', 'Choose a passphrase of at least 8 characters for your records.');
  }
  if (unlock.kind === 'os' && unlock.protector.backend === 'basic_text') {
    throw new CairnError('RECORDS_LOCKED', 'This computer has no keychain (Electron safeStorage would store the key in plain text); protect your records with a passphrase instead.');
  }
}

function wrap(key: Buffer, unlock: RecordsUnlock): Slot {
  if (unlock.kind === 'os') return { kind: 'os', backend: unlock.protector.backend, wrappedKey: unlock.protector.encrypt(key).toString('base64') };
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const kek = crypto.scryptSync(unlock.passphrase.normalize('NFC'), salt, 32, { ...SCRYPT, maxmem: SCRYPT_MAXMEM });
  const cipher = crypto.createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(AAD);
  const wrappedKey = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    kind: 'passphrase',
    kdf: 'scrypt',
    ...SCRYPT,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrappedKey: wrappedKey.toString('base64'),
  };
}

function unwrapWithPassphrase(slot: z.infer<typeof passphraseSlotSchema>, passphrase: string): Buffer {
  const kek = crypto.scryptSync(passphrase.normalize('NFC'), Buffer.from(slot.salt, 'base64'), 32, { N: slot.N, r: slot.r, p: slot.p, maxmem: SCRYPT_MAXMEM });
  const decipher = crypto.createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.iv, 'base64'));
  decipher.setAAD(AAD);
  decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
  try {
    const key = Buffer.concat([decipher.update(Buffer.from(slot.wrappedKey, 'base64')), decipher.final()]);
    if (key.length !== RECORDS_KEY_BYTES) throw new Error('unexpected key length');
    return key;
  } catch (error) {
    // GCM authentication fails for a wrong passphrase (and for a tampered keyring).
    throw new CairnError('WRONG_PASSPHRASE', 'That passphrase does not unlock your records.', { cause: error });
  }
}

function readKeyring(dataDir: string): Keyring {
  const file = keyringPath(dataDir);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CairnError('RECORDS_LOCKED', `The records key file ${file} cannot be read (${firstLineOf(error)}).`, { cause: error });
  }
  const parsed = keyringSchema.safeParse(raw);
  if (!parsed.success) throw new CairnError('RECORDS_LOCKED', `The records key file ${file} is damaged; without it the records cannot be opened.`);
  return parsed.data;
}

/** Written beside and renamed over, so a crash never leaves half a keyring (which would lose the key). */
function writeKeyring(dataDir: string, keyring: Keyring): void {
  const file = keyringPath(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(keyring, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

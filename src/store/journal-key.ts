/**
 * The journal's signing key: an Ed25519 key pair created at the first start of the store, its
 * private half in the data folder (`journal-signing.key`, PEM, mode 0600), never in the database, so
 * that someone who can write the database but not read that file cannot sign a rewritten chain. The
 * public half is what auditors keep (GET /api/journal/public-key, `vigie journal public-key`); its
 * fingerprint (SHA-256 of the DER public key, hex) is written into every checkpoint.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { VigieError, errorMessage } from '../core/errors.ts';

export const SIGNING_KEY_FILE = 'journal-signing.key';

/** What verifies checkpoints: the public key and its fingerprint. */
export interface JournalPublicKey {
  readonly publicKey: KeyObject;
  /** SHA-256 hex of the DER (SPKI) public key. */
  readonly fingerprint: string;
  /** The public key as PEM (SPKI), what an auditor keeps. */
  readonly pem: string;
}

/** What signs checkpoints. */
export interface JournalSigner extends JournalPublicKey {
  /** Base64 Ed25519 signature of the UTF-8 text. */
  sign(text: string): string;
  /** True when the key file was created by this call (the first start of the store). */
  readonly created: boolean;
}

export function publicKeyOf(key: KeyObject): JournalPublicKey {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new VigieError('USAGE', `the journal's key is Ed25519, not ${publicKey.asymmetricKeyType ?? 'unknown'}`);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return { publicKey, fingerprint: createHash('sha256').update(der).digest('hex'), pem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** Whether `signature` (base64) is the key's signature of `text`. */
export function signatureValid(key: JournalPublicKey, text: string, signature: string): boolean {
  return verify(null, Buffer.from(text, 'utf8'), key.publicKey, Buffer.from(signature, 'base64'));
}

/** The key of the data folder `dir`, created (mode 0600) when the folder has none. */
export function loadOrCreateSigningKey(dir: string): JournalSigner {
  const file = path.join(dir, SIGNING_KEY_FILE);
  let created = false;
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      // wx: never overwrite a key another process has just written.
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
      created = true;
    } catch (err) {
      if (!existsSync(file)) throw new VigieError('STORE_FAILED', `cannot write the journal's signing key ${file}: ${errorMessage(err)}`, { cause: err });
    }
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(file));
  } catch (err) {
    throw new VigieError('STORE_FAILED', `cannot read the journal's signing key ${file}: ${errorMessage(err)}`, { cause: err });
  }
  const pub = publicKeyOf(privateKey);
  return { ...pub, created, sign: (text) => sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64') };
}

/**
 * A public key from a PEM file: an auditor's copy of the public key, or the data folder's private
 * key file (its public half is derived).
 */
export function readPublicKeyFile(file: string): JournalPublicKey {
  if (!existsSync(file)) throw new VigieError('USAGE', `${file}: no such file`);
  const text = readFileSync(file, 'utf8');
  try {
    return publicKeyOf(text.includes('PRIVATE KEY') ? createPrivateKey(text) : createPublicKey(text));
  } catch (err) {
    if (err instanceof VigieError) throw err;
    throw new VigieError('USAGE', `${file}: not a PEM Ed25519 key (${errorMessage(err)})`, { cause: err });
  }
}

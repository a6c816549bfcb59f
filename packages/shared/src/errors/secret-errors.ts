import type { ErrorSpec } from '../error-catalog.js';

/** Codes of project secrets: their key, their encryption at rest, and the rules for names and values. */
export const secretErrors = {
  ERR_SECRET_KEY_INVALID: { status: 500, summary: 'RITMO_SECRET_KEY (or the key file) is not 32 bytes written as 64 hex characters or as base64; the message names where the key came from.' },
  ERR_SECRET_KEY_FILE_PERMISSIONS: { status: 500, summary: 'The key file `<data dir>/secret.key` grants access to its group or to others; the server refuses to start until it is `chmod 600`.' },
  ERR_SECRET_KEY_MISMATCH: { status: 500, summary: 'A stored secret was encrypted with another key than the server has (its key id differs); start the server with the key that wrote it, or set the secret again.' },
  ERR_SECRET_DECRYPT_FAILED: { status: 500, summary: 'A stored secret failed authentication on decryption: its ciphertext or nonce was altered, or it was moved to another project or name.' },
  ERR_SECRET_NAME_INVALID: { status: 400, summary: 'A secret name must match `[A-Z_][A-Z0-9_]*` and be at most 100 characters.' },
  ERR_SECRET_VALUE_TOO_SHORT: { status: 400, summary: 'A secret value must have at least 4 characters besides surrounding whitespace; shorter values cannot be masked in logs.' },
  ERR_SECRET_VALUE_TOO_LARGE: { status: 413, summary: 'A secret value must be at most 64 KiB (65,536 bytes of UTF-8).' },
  ERR_SECRET_NOT_FOUND: { status: 404, summary: 'The project has no secret with this name.' },
  ERR_SECRET_APPROVAL_NOT_NEEDED: { status: 409, summary: 'The build is trusted, so its jobs already receive the secrets they reference; only untrusted builds (fork pull requests) are approved.' },
} as const satisfies Record<string, ErrorSpec>;

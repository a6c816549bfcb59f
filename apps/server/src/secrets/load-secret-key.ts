import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RitmoError, toError } from '@ritmo/shared';
import { parseSecretKey, SECRET_KEY_BYTES } from './parse-secret-key.js';

export const SECRET_KEY_FILE = 'secret.key';

const errnoOf = (e: unknown): string | undefined => (toError(e) as NodeJS.ErrnoException).code;

/** Reads an existing key file, refusing one that its group or others may access. */
async function readKeyFile(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const stat = await file.stat();
    const mode = stat.mode & 0o777;
    if (!stat.isFile() || (mode & 0o077) !== 0) {
      throw new RitmoError('ERR_SECRET_KEY_FILE_PERMISSIONS', `${path} has mode ${mode.toString(8).padStart(4, '0')}; it must be readable by its owner only`, {
        details: { path, mode: mode.toString(8) },
        suggestions: [`chmod 600 ${path}`],
      });
    }
    return parseSecretKey(await file.readFile('utf8'), path);
  } finally {
    await file.close();
  }
}

/**
 * Creates the key file with a fresh random key, mode 0600. The key is written to a temporary file
 * first and linked into place, so a second server starting at the same moment never reads a
 * half-written file: one link wins and the other process reads the winner's key.
 */
async function createKeyFile(dataDir: string, path: string): Promise<Buffer | undefined> {
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(SECRET_KEY_BYTES);
  const temp = join(dataDir, `.${SECRET_KEY_FILE}.${randomBytes(6).toString('hex')}`);
  await writeFile(temp, `${key.toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  try {
    await chmod(temp, 0o600);
    await link(temp, path);
    return key;
  } catch (e: unknown) {
    if (errnoOf(e) === 'EEXIST') return undefined;
    throw toError(e);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/**
 * The key that encrypts secrets at rest: RITMO_SECRET_KEY when set (every server instance of a
 * cluster must share it), else `<dataDir>/secret.key`, created with a random key and mode 0600 on
 * first start. A key file that its group or others may access stops the server
 * (ERR_SECRET_KEY_FILE_PERMISSIONS); a malformed key is ERR_SECRET_KEY_INVALID.
 */
export async function loadSecretKey(options: { secretKey: string | undefined; dataDir: string }): Promise<Buffer> {
  if (options.secretKey !== undefined) return parseSecretKey(options.secretKey, 'RITMO_SECRET_KEY');
  const path = join(options.dataDir, SECRET_KEY_FILE);
  try {
    return await readKeyFile(path);
  } catch (e: unknown) {
    if (errnoOf(e) !== 'ENOENT') throw toError(e);
  }
  return (await createKeyFile(options.dataDir, path)) ?? readKeyFile(path);
}

import { hash, verify } from '@node-rs/argon2';
import { toError } from '@ritmo/shared';

// argon2id is the library's default algorithm; OWASP's baseline cost: 19 MiB, 2 iterations, 1 lane.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/** False for a wrong password and for a malformed stored hash alike. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch (e: unknown) {
    void toError(e);
    return false;
  }
}

/** Spends the same time as a real check, so unknown usernames cannot be told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  await hashPassword(password);
}

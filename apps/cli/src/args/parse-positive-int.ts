import { RitmoError } from '@ritmo/shared';

/** Parses an option that must be a whole number of at least 1 (`--max-parallel`). */
export function parsePositiveInt(value: string, option: string): number {
  const n = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new RitmoError('ERR_CLI_USAGE', `${option} must be a whole number of at least 1, got "${value}"`);
  }
  return n;
}

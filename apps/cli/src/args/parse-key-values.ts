import { RitmoError } from '@ritmo/shared';

/**
 * Parses repeated `KEY=VALUE` options (`--input`, `--env`, `--secret`) into a record. The value may
 * contain `=` and may be empty; the key may not. A later repetition of a key wins.
 */
export function parseKeyValues(values: readonly string[], option: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const item of values) {
    const at = item.indexOf('=');
    const key = at < 0 ? '' : item.slice(0, at).trim();
    if (key === '') {
      throw new RitmoError('ERR_CLI_USAGE', `${option} expects KEY=VALUE, got "${item}"`, {
        suggestions: [`${option} name=value`],
      });
    }
    result[key] = item.slice(at + 1);
  }
  return result;
}

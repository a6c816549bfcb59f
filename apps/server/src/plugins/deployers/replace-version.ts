import { RitmoError } from '@ritmo/shared';

/**
 * Replaces the first capture group of every match of `pattern` (multiline) with `value`. Throws
 * ERR_PLUGIN_CONFIG_INVALID when the pattern is not a regular expression with a group, or matches nothing.
 */
export function replaceVersion(text: string, pattern: string, value: string): string {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'gm');
  } catch (e: unknown) {
    throw new RitmoError('ERR_PLUGIN_CONFIG_INVALID', `the pattern ${pattern} is not a regular expression`, { cause: e });
  }
  let matched = false;
  const out = text.replace(regex, (whole: string, group: unknown, ...rest: unknown[]) => {
    if (typeof group !== 'string') throw new RitmoError('ERR_PLUGIN_CONFIG_INVALID', `the pattern ${pattern} needs one capture group around the version`);
    matched = true;
    const offset = whole.indexOf(group);
    void rest;
    return whole.slice(0, offset) + value + whole.slice(offset + group.length);
  });
  if (!matched) throw new RitmoError('ERR_PLUGIN_CONFIG_INVALID', `the pattern ${pattern} matches nothing in the manifest`);
  return out;
}

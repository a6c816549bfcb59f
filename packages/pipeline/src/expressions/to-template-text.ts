import { data } from '@actions/expressions';

/**
 * How an evaluated value is written into text, as in GitHub Actions: null is empty, booleans and numbers
 * are their text form, arrays and objects are pretty-printed JSON.
 */
export function toTemplateText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return new data.NumberData(value).coerceString();
  return JSON.stringify(value, null, 2);
}

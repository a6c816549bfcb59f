import { contextRefs, refsInSource } from './template-refs.js';

/**
 * Secret names referenced (`secrets.NAME`, `secrets['NAME']`) in any string inside `values`, sorted.
 * `if:` conditions count whether or not they are wrapped in `${{ }}`.
 */
export function collectSecrets(...values: unknown[]): string[] {
  const names = new Set<string>();
  const visit = (value: unknown, key?: string): void => {
    if (typeof value === 'string') {
      const refs = key === 'if' && !value.includes('${{') ? refsInSource(value, 'secrets') : contextRefs(value, 'secrets');
      for (const ref of refs) names.add(ref.name);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, k);
    }
  };
  for (const value of values) visit(value);
  return [...names].sort();
}

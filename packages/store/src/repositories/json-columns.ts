import type { Flag } from '../schema/column-kinds.js';

/** Reads a JSON text column written by `toJson`; the column is ours, so a parse failure is a bug worth surfacing. */
export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export function toFlag(value: boolean | undefined): Flag {
  return value === true ? 1 : 0;
}

export function fromFlag(value: Flag): boolean {
  return Number(value) !== 0;
}

/** Label sets are stored sorted and deduplicated, so equal sets have equal text. */
export function normalizeLabels(labels: readonly string[]): string[] {
  return [...new Set(labels)].sort();
}

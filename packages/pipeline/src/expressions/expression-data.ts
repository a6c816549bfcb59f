import { data } from '@actions/expressions';

/**
 * A dictionary whose key lookup cannot reach `Object.prototype`: keys like `constructor` or `__proto__`
 * are stored like any other key and missing keys are simply absent. Lookups are case-insensitive.
 */
export class SafeDictionary extends data.Dictionary {
  private readonly entries = new Map<string, { key: string; value: data.ExpressionData }>();

  override add(key: string, value: data.ExpressionData): void {
    const folded = key.toLowerCase();
    if (!this.entries.has(folded)) this.entries.set(folded, { key, value });
  }

  override get(key: string): data.ExpressionData | undefined {
    return this.entries.get(key.toLowerCase())?.value;
  }

  override values(): data.ExpressionData[] {
    return [...this.entries.values()].map((e) => e.value);
  }

  override pairs(): { key: string; value: data.ExpressionData }[] {
    return [...this.entries.values()].map((e) => ({ key: e.key, value: e.value }));
  }
}

/** Plain JSON-like value -> expression data. Functions, symbols and other non-JSON values become null. */
export function toExpressionData(value: unknown): data.ExpressionData {
  if (value === null || value === undefined) return new data.Null();
  if (typeof value === 'string') return new data.StringData(value);
  if (typeof value === 'number') return new data.NumberData(value);
  if (typeof value === 'boolean') return new data.BooleanData(value);
  if (Array.isArray(value)) return new data.Array(...value.map((v: unknown) => toExpressionData(v)));
  if (typeof value === 'object' && isPlainObject(value)) {
    const dict = new SafeDictionary();
    for (const key of Object.keys(value)) dict.add(key, toExpressionData((value as Record<string, unknown>)[key]));
    return dict;
  }
  return new data.Null();
}

/** Expression data -> plain JSON value (objects get a null prototype-free plain shape). */
export function fromExpressionData(value: data.ExpressionData): unknown {
  switch (value.kind) {
    case data.Kind.Null:
      return null;
    case data.Kind.String:
    case data.Kind.Boolean:
    case data.Kind.Number:
      return (value as data.StringData | data.BooleanData | data.NumberData).value;
    case data.Kind.Array:
      return (value as data.Array).values().map((v) => fromExpressionData(v));
    default: {
      const out: Record<string, unknown> = {};
      for (const { key, value: v } of (value as data.Dictionary).pairs()) {
        Object.defineProperty(out, key, { value: fromExpressionData(v), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
  }
}

/** `JSON.parse` reviver that builds safe dictionaries (used by `fromJSON`); children arrive already revived. */
export function safeReviver(_key: string, value: unknown): data.ExpressionData {
  if (Array.isArray(value)) return new data.Array(...(value as data.ExpressionData[]));
  if (value !== null && typeof value === 'object') {
    const dict = new SafeDictionary();
    const record = value as Record<string, data.ExpressionData>;
    for (const key of Object.keys(record)) dict.add(key, record[key] ?? new data.Null());
    return dict;
  }
  return toExpressionData(value);
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

import type { z } from 'zod';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  element?: z.ZodType;
  valueType?: z.ZodType;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch']);

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** The schema with optional/nullable/default wrappers removed; for a union, the option that fits `value`. */
function unwrap(schema: z.ZodType, value: unknown): z.ZodType {
  let current = schema;
  for (let i = 0; i < 32; i++) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else if (def.type === 'union' && def.options) {
      const option = pickOption(def.options, value);
      if (!option) return current;
      current = option;
    } else return current;
  }
  return current;
}

function pickOption(options: z.ZodType[], value: unknown): z.ZodType | undefined {
  const wanted = Array.isArray(value) ? ['array', 'tuple'] : value !== null && typeof value === 'object' ? ['object', 'record'] : [];
  return options.find((o) => wanted.includes(defOf(unwrap(o, value)).type));
}

/**
 * The keys the schema knows for the map at `path` in `value` (for did-you-mean on an unknown key).
 * Walks objects, records, arrays, unions (by the shape of the value) and optional wrappers.
 */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[], value: unknown): string[] {
  let current = schema;
  let here = value;
  for (const part of path) {
    const def = defOf(unwrap(current, here));
    const next = here !== null && typeof here === 'object' ? (here as Record<PropertyKey, unknown>)[part] : undefined;
    let child: z.ZodType | undefined;
    if (def.type === 'object') child = def.shape?.[String(part)] ?? def.catchall;
    else if (def.type === 'record') child = def.valueType;
    else if (def.type === 'array') child = def.element;
    if (!child) return [];
    current = child;
    here = next;
  }
  const def = defOf(unwrap(current, here));
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

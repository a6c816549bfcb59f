import { closestMatch } from '../expressions/closest-match.js';
import type { ManualInput } from '../plan.js';

export type InputValue = string | number | boolean;

export type InputErrorCode =
  | 'ERR_PIPELINE_INPUT_UNKNOWN'
  | 'ERR_PIPELINE_INPUT_REQUIRED'
  | 'ERR_PIPELINE_INPUT_TYPE'
  | 'ERR_PIPELINE_INPUT_CHOICE';

export interface InputError {
  input: string;
  code: InputErrorCode;
  message: string;
  suggestions?: string[];
}

export interface ResolvedInputs {
  /** Typed values: given, else the default. Optional inputs without a value or default are absent. */
  inputs: Record<string, InputValue>;
  errors: InputError[];
}

/**
 * Checks and types the values given for a manual build against `on.manual.inputs`. Strings from a
 * command line or form are coerced (`"3"` for a number, `"true"`/`"false"` for a boolean); a choice must
 * be one of its options; a required input needs a value or a default; unknown names are errors with a
 * did-you-mean. All problems are returned, not thrown.
 */
export function resolveInputs(spec: Readonly<Record<string, ManualInput>>, given: Readonly<Record<string, InputValue>>): ResolvedInputs {
  const inputs: Record<string, InputValue> = {};
  const errors: InputError[] = [];
  const names = Object.keys(spec);
  for (const name of Object.keys(given)) {
    if (Object.hasOwn(spec, name)) continue;
    const near = closestMatch(name, names);
    errors.push({
      input: name,
      code: 'ERR_PIPELINE_INPUT_UNKNOWN',
      message: `unknown input "${name}"${names.length ? ` (declared: ${names.join(', ')})` : '; the pipeline declares no inputs'}`,
      ...(near ? { suggestions: [`did you mean "${near}"?`] } : {}),
    });
  }
  for (const name of names) {
    const input = spec[name];
    if (!input) continue;
    const raw = Object.hasOwn(given, name) ? given[name] : input.default;
    if (raw === undefined) {
      if (input.required) {
        errors.push({ input: name, code: 'ERR_PIPELINE_INPUT_REQUIRED', message: `input "${name}" is required` });
      }
      continue;
    }
    const typed = coerceInput(name, input, raw);
    if ('error' in typed) errors.push(typed.error);
    else inputs[name] = typed.value;
  }
  return { inputs, errors };
}

function coerceInput(name: string, input: ManualInput, raw: InputValue): { value: InputValue } | { error: InputError } {
  const typeError = (expected: string): { error: InputError } => ({
    error: {
      input: name,
      code: 'ERR_PIPELINE_INPUT_TYPE',
      message: `input "${name}" must be ${expected}, got ${JSON.stringify(raw)}`,
    },
  });
  switch (input.type) {
    case 'string':
      return { value: String(raw) };
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : NaN;
      return Number.isFinite(n) ? { value: n } : typeError('a number');
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw };
      const text = String(raw).trim().toLowerCase();
      if (text === 'true') return { value: true };
      if (text === 'false') return { value: false };
      return typeError('true or false');
    }
    case 'choice': {
      const options = input.options ?? [];
      const text = String(raw);
      if (options.includes(text)) return { value: text };
      const near = closestMatch(text, options);
      return {
        error: {
          input: name,
          code: 'ERR_PIPELINE_INPUT_CHOICE',
          message: `input "${name}" must be one of ${options.map((o) => `"${o}"`).join(', ')}, got ${JSON.stringify(raw)}`,
          ...(near ? { suggestions: [`did you mean "${near}"?`] } : {}),
        },
      };
    }
  }
}

import { data } from '@actions/expressions';
import { toError } from '@ritmo/shared';
import { safeReviver } from './expression-data.js';
import type { EvaluateOptions } from './expression-context.js';

type Call = (...args: data.ExpressionData[]) => data.ExpressionData;

export interface FunctionDefinition {
  name: string;
  minArgs: number;
  maxArgs: number;
  call: Call;
}

/** Implementations of Ritmo's functions (and a `fromJSON` that builds prototype-safe objects), keyed lower case. */
export function createExpressionFunctions(options: EvaluateOptions): Map<string, FunctionDefinition> {
  const status = options.status ?? { failed: false, cancelled: false };
  const fns: FunctionDefinition[] = [
    constant('success', !status.failed && !status.cancelled && !status.skipped),
    constant('failure', status.failed),
    constant('always', true),
    constant('cancelled', status.cancelled),
    {
      name: 'hashFiles',
      minArgs: 1,
      maxArgs: 255,
      call: (...args) => {
        if (!options.hashFiles) {
          throw new Error('hashFiles() is not available here; it can only be used where the workspace files exist (steps, cache keys)');
        }
        return new data.StringData(options.hashFiles(args.map((a) => a.coerceString())));
      },
    },
    {
      name: 'fromJSON',
      minArgs: 1,
      maxArgs: 1,
      call: (...args) => {
        const text = args[0]?.coerceString() ?? '';
        if (text.trim() === '') throw new Error('fromJSON() got an empty string');
        try {
          return JSON.parse(text, safeReviver) as data.ExpressionData;
        } catch (e: unknown) {
          const cause = toError(e);
          throw new Error(`fromJSON() could not parse ${truncate(text)}: ${cause.message}`, { cause });
        }
      },
    },
  ];
  return new Map(fns.map((f) => [f.name.toLowerCase(), f]));
}

function constant(name: string, value: boolean): FunctionDefinition {
  return { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value) };
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}

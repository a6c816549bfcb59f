import { wellKnownFunctions } from '@actions/expressions';

/** Signature of a function Ritmo adds to the expression language. */
export interface RitmoFunctionInfo {
  name: string;
  minArgs: number;
  maxArgs: number;
}

/** The status functions, in lower case (function names are case-insensitive). */
export const STATUS_FUNCTIONS = ['success', 'failure', 'always', 'cancelled'] as const;

/** Functions Ritmo supplies on top of the built-in ones. */
export const RITMO_FUNCTIONS: readonly RitmoFunctionInfo[] = [
  { name: 'success', minArgs: 0, maxArgs: 0 },
  { name: 'failure', minArgs: 0, maxArgs: 0 },
  { name: 'always', minArgs: 0, maxArgs: 0 },
  { name: 'cancelled', minArgs: 0, maxArgs: 0 },
  { name: 'hashFiles', minArgs: 1, maxArgs: 255 },
];

/** Every function name an expression may call, in readable case. */
export const FUNCTION_NAMES: readonly string[] = [
  ...Object.values(wellKnownFunctions).map((f) => f.name),
  ...RITMO_FUNCTIONS.map((f) => f.name),
];

/** Every context an expression may read somewhere in a pipeline. */
export const ALL_CONTEXTS = ['ritmo', 'env', 'matrix', 'inputs', 'secrets', 'needs', 'job', 'steps', 'strategy'] as const;

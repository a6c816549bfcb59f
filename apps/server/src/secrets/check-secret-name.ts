import { RitmoError } from '@ritmo/shared';

export const SECRET_NAME_PATTERN = /^[A-Z_][A-Z0-9_]*$/;
export const SECRET_NAME_MAX_LENGTH = 100;

/** Throws ERR_SECRET_NAME_INVALID unless `name` is an upper-case environment-variable-like name of at most 100 characters. */
export function checkSecretName(name: string): string {
  if (name.length <= SECRET_NAME_MAX_LENGTH && SECRET_NAME_PATTERN.test(name)) return name;
  const upper = name.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  throw new RitmoError('ERR_SECRET_NAME_INVALID', `secret name "${name.slice(0, SECRET_NAME_MAX_LENGTH)}" must match [A-Z_][A-Z0-9_]* and be at most ${SECRET_NAME_MAX_LENGTH} characters`, {
    details: { pattern: SECRET_NAME_PATTERN.source, maxLength: SECRET_NAME_MAX_LENGTH },
    suggestions: upper !== name && SECRET_NAME_PATTERN.test(upper) && upper.length <= SECRET_NAME_MAX_LENGTH ? [`use ${upper}`] : [],
  });
}

/** Exit codes of `ritmo`: 0 ok, 1 failure (lint errors, failed build), 2 usage, 130 interrupted (Ctrl-C). */
export const exitCodes = {
  ok: 0,
  failure: 1,
  usage: 2,
  interrupted: 130,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

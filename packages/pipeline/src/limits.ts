/**
 * The explicit limits a pipeline file must stay within. Each is checked before the work it protects
 * (size before parsing, depth and aliases before building the document, matrix sizes before
 * expansion) and each has its own diagnostic code.
 */
export interface Limits {
  /** UTF-8 bytes of the file (ERR_PIPELINE_LIMIT_FILE_SIZE). */
  maxFileBytes: number;
  /** Nesting of maps and lists; the top-level map is depth 1 (ERR_PIPELINE_LIMIT_DEPTH). */
  maxDepth: number;
  /** Aliases, counting every alias a full expansion would copy (ERR_PIPELINE_LIMIT_ALIASES). */
  maxAliases: number;
  /** Jobs in one build after matrix expansion (ERR_PIPELINE_LIMIT_JOBS). */
  maxJobs: number;
  /** Combinations of one job's matrix, before `exclude` (ERR_PIPELINE_LIMIT_MATRIX). */
  maxMatrix: number;
  /** Entries in one job's `needs:` (ERR_PIPELINE_LIMIT_NEEDS). */
  maxNeeds: number;
  /** Characters in a job key or a job's name after matrix interpolation (ERR_PIPELINE_LIMIT_JOB_NAME). */
  maxJobNameLength: number;
}

export const defaultLimits: Readonly<Limits> = Object.freeze({
  maxFileBytes: 1024 * 1024,
  maxDepth: 64,
  maxAliases: 100,
  maxJobs: 1000,
  maxMatrix: 256,
  maxNeeds: 100,
  maxJobNameLength: 255,
});

/** The defaults with the given overrides applied. */
export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  const limits: Limits = { ...defaultLimits };
  for (const key of Object.keys(defaultLimits) as (keyof Limits)[]) {
    const value = overrides[key];
    if (value !== undefined) limits[key] = value;
  }
  return limits;
}

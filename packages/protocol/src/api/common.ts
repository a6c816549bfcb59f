import { z } from 'zod';

/** An opaque id (`p_…`, `b_…`, `j_…`): letters, digits, `_` and `-`, at most 64 characters. */
export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id (letters, digits, _ and -)');
export type Id = z.infer<typeof Id>;

/** An ISO-8601 instant in UTC, e.g. `2025-01-31T12:00:00.000Z`. */
export const Timestamp = z.iso.datetime();
export type Timestamp = z.infer<typeof Timestamp>;

/** Statuses of a build (DESIGN.md §6). A build whose jobs were all skipped succeeded. */
export const BuildStatus = z.enum(['queued', 'waiting', 'running', 'success', 'failure', 'canceled']);
export type BuildStatus = z.infer<typeof BuildStatus>;

/**
 * Statuses of a job or step: `pending` until its needs are decided, `waiting` for an approval,
 * `queued` for an agent, `running`, then one final status.
 */
export const JobStatus = z.enum(['pending', 'waiting', 'queued', 'running', 'success', 'failure', 'canceled', 'skipped']);
export type JobStatus = z.infer<typeof JobStatus>;

export const StepStatus = JobStatus;
export type StepStatus = JobStatus;

/** One run of a job on one agent; `lost` when the agent stopped heartbeating past its lease. */
export const AttemptStatus = z.enum(['running', 'success', 'failure', 'canceled', 'lost']);
export type AttemptStatus = z.infer<typeof AttemptStatus>;

/** Statuses that never change again (until a retry). */
export const finalStatuses: readonly JobStatus[] = ['success', 'failure', 'canceled', 'skipped'];

export function isFinalStatus(status: string): boolean {
  return status === 'success' || status === 'failure' || status === 'canceled' || status === 'skipped';
}

export const Role = z.enum(['admin', 'maintainer', 'developer', 'viewer']);
export type Role = z.infer<typeof Role>;

/** A duration such as `90s`, `30m`, `24h`, `30d` or `1h30m`. */
export const Duration = z.string().regex(/^(\d+(ms|s|m|h|d))+$/, 'must be a duration such as 30m, 24h or 30d');
export type Duration = z.infer<typeof Duration>;

/** An opaque cursor from a previous page's `nextCursor`. */
export const Cursor = z.string().min(1).max(512);
export type Cursor = z.infer<typeof Cursor>;

/** Query fields every list route accepts. */
export const PageQuery = z.strictObject({
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** One page of a list: `nextCursor` is null on the last page. */
export function Page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

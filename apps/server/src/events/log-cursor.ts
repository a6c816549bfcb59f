import { RitmoError } from '@ritmo/shared';

/** Where a client is in each job's log: job id -> attempt and byte offset. */
export type LogPositions = Map<string, { attempt: number; offset: number }>;

const ENTRY = /^(\d{1,5})\.(\d{1,6})\.(\d{1,15})$/;

/**
 * The SSE event id of a build stream: every followed job's log position, by the job's place in the
 * build (`v1:0.1.1834,2.1.77`). It is what Last-Event-ID hands back on reconnect, so one id resumes
 * every log of the build exactly.
 */
export function encodeLogCursor(positions: LogPositions, jobOrder: readonly string[]): string {
  const parts: string[] = [];
  jobOrder.forEach((jobId, index) => {
    const p = positions.get(jobId);
    if (p && p.offset > 0) parts.push(`${index}.${p.attempt}.${p.offset}`);
  });
  return `v1:${parts.join(',')}`;
}

export function decodeLogCursor(cursor: string, jobOrder: readonly string[]): LogPositions {
  const invalid = (why: string): RitmoError =>
    new RitmoError('ERR_API_VALIDATION', `invalid Last-Event-ID: ${why}`, {
      details: { lastEventId: cursor.slice(0, 100) },
      suggestions: ['reconnect without Last-Event-ID to start from the beginning'],
    });
  if (!cursor.startsWith('v1:')) throw invalid('unknown format');
  const positions: LogPositions = new Map();
  const body = cursor.slice(3);
  if (body === '') return positions;
  for (const part of body.split(',')) {
    const m = ENTRY.exec(part);
    if (!m) throw invalid(`bad entry "${part.slice(0, 40)}"`);
    const jobId = jobOrder[Number(m[1])];
    if (jobId === undefined) throw invalid(`no job at position ${m[1]}`);
    positions.set(jobId, { attempt: Number(m[2]), offset: Number(m[3]) });
  }
  return positions;
}

import type { Job, JobWaiting, LogSearchResult, LogTimes } from '@ritmo/protocol';
import type { Http } from '../create-http.js';
import { seg } from './page-params.js';

export interface ReadLogParams {
  /** First byte; with `limit`, a byte range. */
  offset?: number;
  limit?: number;
  /** The last N lines instead of a byte range. */
  tail?: number;
  attempt?: number;
  signal?: AbortSignal;
}

/** Bytes of a log and where they sit in it. */
export interface LogRange {
  bytes: Uint8Array;
  offset: number;
  nextOffset: number;
  /** The log's size when the bytes were read. */
  size: number;
  /** True when the job ended (the log will not grow). */
  complete: boolean;
}

export interface SearchLogParams {
  q: string;
  limit?: number;
  attempt?: number;
  caseSensitive?: boolean;
  cursor?: string;
  signal?: AbortSignal;
}

const num = (headers: Headers, name: string): number => Number(headers.get(name) ?? 0);

/** Jobs: read, approve, and their logs (byte ranges, tail, download URL, server-side search, arrival times). */
export function createJobsApi(http: Http) {
  const base = (id: string) => `/api/v1/jobs/${seg(id)}`;
  return {
    get: (id: string, signal?: AbortSignal) => http.json<Job>('GET', base(id), signal ? { signal } : {}),
    approve: (id: string) => http.json<Job>('POST', `${base(id)}/approve`),
    /** Why a job has not started, with its place in the queue. */
    waiting: (id: string, signal?: AbortSignal) => http.json<JobWaiting>('GET', `${base(id)}/waiting`, signal ? { signal } : {}),
    async readLog(id: string, params: ReadLogParams = {}): Promise<LogRange> {
      const { signal, ...query } = params;
      const response = await http.send('GET', `${base(id)}/log`, { query: { ...query }, headers: { accept: 'text/plain' }, ...(signal ? { signal } : {}) });
      const bytes = new Uint8Array(await response.arrayBuffer());
      const h = response.headers;
      return { bytes, offset: num(h, 'x-ritmo-log-offset'), nextOffset: num(h, 'x-ritmo-log-next-offset'), size: num(h, 'x-ritmo-log-size'), complete: h.get('x-ritmo-log-complete') === 'true' };
    },
    /** A link that downloads the raw log as a file (works with the session cookie). */
    logDownloadUrl: (id: string, attempt?: number) => http.url(`${base(id)}/log`, { download: 1, attempt }),
    searchLog: (id: string, params: SearchLogParams) =>
      http.json<LogSearchResult>('GET', `${base(id)}/log/search`, {
        query: { q: params.q, limit: params.limit, attempt: params.attempt, cursor: params.cursor, case: params.caseSensitive ? '1' : undefined },
        ...(params.signal ? { signal: params.signal } : {}),
      }),
    logTimes: (id: string, params: { from?: number; to?: number; attempt?: number; signal?: AbortSignal } = {}) => {
      const { signal, ...query } = params;
      return http.json<LogTimes>('GET', `${base(id)}/log/times`, { query: { ...query }, ...(signal ? { signal } : {}) });
    },
  };
}

export type JobsApi = ReturnType<typeof createJobsApi>;

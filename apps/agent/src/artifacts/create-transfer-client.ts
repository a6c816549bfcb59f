import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as api from '@ritmo/protocol';
import { err, ok, toError } from '@ritmo/shared';
import type { CallFailure } from '../client/call-failure.js';
import type { CallResult, JobAuth } from '../client/create-agent-client.js';

/** A blob written to a file, with what it hashed to. */
export interface DownloadedFile {
  path: string;
  digest: string;
  size: number;
  headers: Headers;
}

async function failure(res: Response, path: string): Promise<CallFailure> {
  const text = await res.text().catch(() => '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const envelope = api.ErrorEnvelope.safeParse(json);
  const kind = res.status >= 500 || res.status === 429 ? 'unreachable' : 'rejected';
  if (envelope.success) return { kind, status: res.status, code: envelope.data.error, message: envelope.data.message, details: envelope.data.details };
  return { kind, status: res.status, code: 'ERR_AGENT_PROTOCOL', message: `HTTP ${res.status} from ${path}`, details: text.slice(0, 200) };
}

const unreachable = (e: unknown, signal: AbortSignal | undefined): CallFailure =>
  signal?.aborted
    ? { kind: 'aborted', status: 0, code: 'ERR_ABORTED', message: 'aborted', details: null }
    : { kind: 'unreachable', status: 0, code: 'ERR_AGENT_SERVER_UNREACHABLE', message: toError(e).message, details: null };

/**
 * Artifact and cache transfers of one job: streamed to and from files, hashed on the way, and
 * answered as results (never thrown) like the rest of the agent protocol.
 */
export function createTransferClient(options: { serverUrl: string; auth: JobAuth; fetch?: typeof fetch }) {
  const doFetch = options.fetch ?? fetch;
  const { auth } = options;
  const base = options.serverUrl.replace(/\/+$/, '');
  const lease = { attempt: String(auth.attempt), leaseToken: auth.leaseToken };
  const url = (template: string, params: Record<string, string>, query: Record<string, string | string[]>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...lease, ...query })) for (const one of [v].flat()) q.append(k, one);
    return `${base}${api.agentPath(template, { id: auth.jobId, ...params })}?${q}`;
  };
  const headers = { authorization: `Bearer ${auth.jobToken}` };

  /** GETs a blob into `out`, hashing it; null for 204 (nothing there). */
  const download = async (target: string, out: string, signal?: AbortSignal): Promise<CallResult<DownloadedFile | null>> => {
    try {
      const res = await doFetch(target, { headers, ...(signal ? { signal } : {}) });
      if (res.status === 204) return ok(null);
      if (!res.ok || res.body === null) return err(await failure(res, target));
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _e, callback) {
          hash.update(chunk);
          size += chunk.length;
          callback(null, chunk);
        },
      });
      await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), meter, createWriteStream(out, { mode: 0o600 }), signal ? { signal } : {});
      return ok({ path: out, digest: `sha256:${hash.digest('hex')}`, size, headers: res.headers });
    } catch (e: unknown) {
      await rm(out, { force: true });
      return err(unreachable(e, signal));
    }
  };

  /** POSTs the file at `path` as an application/gzip body. */
  const upload = async <T>(target: string, path: string, schema: { parse(v: unknown): T }, signal?: AbortSignal): Promise<CallResult<T>> => {
    try {
      const res = await doFetch(target, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/gzip' },
        body: Readable.toWeb(createReadStream(path)) as unknown as RequestInit['body'],
        duplex: 'half',
        ...(signal ? { signal } : {}),
      } as RequestInit);
      if (!res.ok) return err(await failure(res, target));
      return ok(schema.parse(await res.json()));
    } catch (e: unknown) {
      return err(unreachable(e, signal));
    }
  };

  return {
    async neededArtifacts(signal?: AbortSignal): Promise<CallResult<api.NeededArtifact[]>> {
      const target = `${base}${api.agentPath(api.transferPaths.neededArtifacts, { id: auth.jobId })}`;
      try {
        const res = await doFetch(target, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ attempt: auth.attempt, leaseToken: auth.leaseToken }), ...(signal ? { signal } : {}) });
        if (!res.ok) return err(await failure(res, target));
        return ok(api.NeededArtifacts.parse(await res.json()).artifacts);
      } catch (e: unknown) {
        return err(unreachable(e, signal));
      }
    },
    downloadArtifact: (artifactId: string, out: string, signal?: AbortSignal) => download(url(api.transferPaths.artifact, { artifactId }, {}), out, signal),
    uploadArtifact: (name: string, path: string, digest: string, signal?: AbortSignal) => upload(url(api.transferPaths.uploadArtifact, {}, { name, digest }), path, api.UploadedArtifact, signal),
    restoreCache: (key: string, restoreKeys: readonly string[], out: string, signal?: AbortSignal) => download(url(api.transferPaths.cache, {}, { key, restoreKeys: [...restoreKeys] }), out, signal),
    saveCache: (key: string, path: string, digest: string, signal?: AbortSignal) => upload(url(api.transferPaths.cache, {}, { key, digest }), path, api.SavedCache, signal),
    /** `path` is the report's workspace path; `file` its gzip-compressed copy. */
    uploadReport: (path: string, file: string, signal?: AbortSignal) => upload(url(api.reportPaths.junit, {}, { path }), file, api.UploadedReport, signal),
  };
}

export type TransferClient = ReturnType<typeof createTransferClient>;

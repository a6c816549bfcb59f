import { useEffect, useRef, useState } from 'react';
import { isFinalStatus, type LiveEvent, type RitmoClient } from '@ritmo/client';
import { createSectionScanner, type LogSection, type SectionScanner } from './find-sections';
import { createLogBuffer, type LogBuffer } from './log-buffer';

/** Lines of the tail shown first; the bytes before them load next, in pieces of BACKFILL_BYTES. */
const TAIL_LINES = 1000;
const BACKFILL_BYTES = 4 * 1024 * 1024;

export interface JobLogState {
  buffer: LogBuffer;
  /** Changes whenever the buffer or its sections change. */
  version: number;
  sections: readonly LogSection[];
  /** True once the job ended and every byte is here. */
  complete: boolean;
  /** True while bytes before the tail are still loading (line numbers are then unknown). */
  backfilling: boolean;
  error: unknown;
}

export interface JobRef {
  id: string;
  buildId: string;
  attempt: number;
  status: string;
}

/**
 * Loads a job's log the way a person reads it: the last lines first (one small request), then live
 * bytes as they are written (the build's event stream from the tail's end), then everything before the
 * tail in large byte ranges. Each log.lines event is checked against the bytes held: repeats are
 * dropped and any gap is fetched by byte range, so the buffer is always the exact log.
 */
export function useJobLog(client: RitmoClient, job: JobRef): JobLogState {
  const [state, setState] = useState<JobLogState>(() => ({ buffer: createLogBuffer(), version: 0, sections: [], complete: false, backfilling: true, error: undefined }));
  const final = isFinalStatus(job.status);
  const finalRef = useRef(final);
  finalRef.current = final;

  useEffect(() => {
    const abort = new AbortController();
    const { signal } = abort;
    let buffer = createLogBuffer();
    let scanner: SectionScanner = createSectionScanner(buffer);
    let complete = false;
    let backfilling = true;
    let error: unknown;
    let frame = 0;
    setState({ buffer, version: 0, sections: [], complete, backfilling, error });
    const publish = (): void => {
      if (frame !== 0 || signal.aborted) return;
      const show = (): void => {
        frame = 0;
        if (signal.aborted) return;
        scanner.scan();
        setState((s) => ({ buffer, version: s.version + 1, sections: [...scanner.sections], complete, backfilling, error }));
      };
      frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(show) : (setTimeout(show, 16) as unknown as number);
    };
    const fetchTo = async (until?: number): Promise<void> => {
      for (;;) {
        if (until !== undefined && buffer.end >= until) return;
        const range = await client.jobs.readLog(job.id, { offset: buffer.end, attempt: job.attempt, ...(until === undefined ? {} : { limit: until - buffer.end }), signal });
        if (range.bytes.length === 0) return;
        buffer.append(range.bytes);
        publish();
      }
    };

    let chain = Promise.resolve();
    const onEvent = (event: LiveEvent): void => {
      chain = chain.then(async () => {
        if (signal.aborted) return;
        if (event.type === 'log.lines' && event.jobId === job.id && event.attempt === job.attempt) {
          if (event.nextOffset <= buffer.end) return;
          const bytes = new TextEncoder().encode(event.text);
          if (event.offset === buffer.end && bytes.length === event.nextOffset - event.offset) {
            buffer.append(bytes);
            publish();
          } else await fetchTo(event.nextOffset);
        } else if (event.type === 'job.status' && event.jobId === job.id && event.attempt === job.attempt && isFinalStatus(event.status)) {
          await fetchTo();
          complete = true;
          stream?.close();
          publish();
        }
      }).catch((e: unknown) => {
        if (!signal.aborted) (error = e), publish();
      });
    };

    let stream: ReturnType<RitmoClient['live']['build']> | undefined;
    const run = async (): Promise<void> => {
      const tail = await client.jobs.readLog(job.id, { tail: TAIL_LINES, attempt: job.attempt, signal });
      buffer = createLogBuffer(tail.offset);
      scanner = createSectionScanner(buffer);
      buffer.append(tail.bytes);
      complete = tail.complete || (finalRef.current && tail.nextOffset >= tail.size);
      publish();
      if (!complete) stream = client.live.build(job.buildId, { logs: [job.id], offset: buffer.end }, { onEvent, signal });
      // Then everything before the tail, oldest first, added in one go (line numbers become known).
      const pieces: Uint8Array[] = [];
      for (let at = 0; at < tail.offset; ) {
        const range = await client.jobs.readLog(job.id, { offset: at, limit: Math.min(BACKFILL_BYTES, tail.offset - at), attempt: job.attempt, signal });
        if (range.bytes.length === 0) break;
        pieces.push(range.bytes);
        at += range.bytes.length;
      }
      for (let i = pieces.length - 1; i >= 0; i--) buffer.prepend(pieces[i] as Uint8Array);
      scanner = createSectionScanner(buffer);
      backfilling = false;
      publish();
    };
    run().catch((e: unknown) => {
      if (signal.aborted) return;
      error = e;
      backfilling = false;
      publish();
    });
    return () => {
      abort.abort();
      stream?.close();
      if (frame !== 0 && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
    };
  }, [client, job.id, job.buildId, job.attempt]);

  return state;
}

import { performance } from 'node:perf_hooks';

/** Wall-clock milliseconds with a fractional part (microseconds), comparable with bash's $EPOCHREALTIME. */
export const nowMs = () => performance.timeOrigin + performance.now();

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds since the epoch of an ISO timestamp the server wrote, or NaN. */
export const serverMs = (iso) => (iso ? Date.parse(iso) : Number.NaN);

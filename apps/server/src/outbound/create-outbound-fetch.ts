import { isIP } from 'node:net';
import { RitmoError, toError } from '@ritmo/shared';
import { Agent, fetch } from 'undici';
import { createAllowList } from './create-allow-list.js';
import { checkOutboundAddress, createGuardedLookup } from './create-guarded-lookup.js';

export interface OutboundRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

/** The answer, with the body read (up to `maxBodyChars`). */
export interface OutboundResponse {
  status: number;
  ok: boolean;
  text: string;
  /** The URL that answered, after redirects. */
  url: string;
}

export type OutboundFetch = (url: string, request: OutboundRequest) => Promise<OutboundResponse>;

export interface OutboundOptions {
  /** CIDRs that may be reached although private (RITMO_OUTBOUND_ALLOW). */
  allow?: readonly string[];
  maxRedirects?: number;
  maxBodyChars?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The start of a body, without reading more than about `max` characters of it. */
async function readText(body: ReadableStream<Uint8Array> | null, max: number): Promise<string> {
  if (body === null) return '';
  const decoder = new TextDecoder();
  let text = '';
  const reader = body.getReader();
  try {
    while (text.length < max) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text.slice(0, max);
}

function blockedIn(error: unknown): RitmoError | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof RitmoError && e.code === 'ERR_SERVER_OUTBOUND_BLOCKED') return e;
  }
  return undefined;
}

/**
 * A fetch for user-configured URLs (deploy webhooks, forge APIs): http and https only, and no
 * connection to a private, loopback, link-local or reserved address unless `allow` covers it. The check
 * runs on the addresses the socket connects to, and literal IP hosts are checked before. Redirects are
 * followed by hand, each hop checked again. Blocked calls throw ERR_SERVER_OUTBOUND_BLOCKED.
 */
export function createOutboundFetch(options: OutboundOptions = {}): OutboundFetch {
  const allow = createAllowList(options.allow ?? []);
  const maxRedirects = options.maxRedirects ?? 5;
  const maxBodyChars = options.maxBodyChars ?? 64 * 1024;

  const check = (url: URL): void => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new RitmoError('ERR_SERVER_OUTBOUND_BLOCKED', `only http and https URLs are called, not ${url.protocol}`, { details: { url: url.origin } });
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) !== 0) checkOutboundAddress(host, host, allow);
  };

  return async (target, request) => {
    const agent = new Agent({ connect: { lookup: createGuardedLookup(allow) } });
    try {
      let url = new URL(target);
      let { method, body } = request;
      for (let hop = 0; ; hop++) {
        check(url);
        const response = await fetch(url, { method, headers: request.headers, body: body ?? null, redirect: 'manual', signal: request.signal, dispatcher: agent });
        const location = response.headers.get('location');
        if (REDIRECTS.has(response.status) && location !== null && hop < maxRedirects) {
          await response.body?.cancel();
          url = new URL(location, url);
          if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
            method = 'GET';
            body = undefined;
          }
          continue;
        }
        const text = await readText(response.body, maxBodyChars);
        return { status: response.status, ok: response.ok, text, url: url.href };
      }
    } catch (e: unknown) {
      throw blockedIn(e) ?? toError(e);
    } finally {
      await agent.destroy().catch(() => undefined);
    }
  };
}

import type { IncomingHttpHeaders } from 'node:http';
import type { HookHeaders } from './providers/hook-provider.js';

/** Headers never stored with a delivery, whichever endpoint they reach: credentials and every forge's signature. */
const ALWAYS_REDACTED = [
  'authorization',
  'cookie',
  'x-ritmo-trigger-token',
  'x-hub-signature',
  'x-hub-signature-256',
  'x-gitlab-token',
  'webhook-signature',
  'x-gitea-signature',
  'x-forgejo-signature',
  'x-gogs-signature',
  'x-ritmo-signature',
];

/** Lower-case names, one value each (the first of repeated headers). */
export function toHookHeaders(headers: IncomingHttpHeaders): HookHeaders {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? (value[0] ?? '') : value;
  }
  return out;
}

/** The headers as recorded: signatures, tokens and credentials replaced by `[redacted]`. */
export function redactHeaders(headers: HookHeaders, secretHeaders: readonly string[]): Record<string, string> {
  const hidden = new Set([...ALWAYS_REDACTED, ...secretHeaders]);
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, hidden.has(k) && v !== '' ? '[redacted]' : v]));
}

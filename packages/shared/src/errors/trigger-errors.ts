import type { ErrorSpec } from '../error-catalog.js';

/** Codes of webhooks (HOOK), other triggers (TRIGGER) and the server's git mirrors (SCM). */
export const triggerErrors = {
  ERR_HOOK_UNKNOWN_PROVIDER: { status: 404, summary: 'The webhook URL names a provider Ritmo does not know; use github, gitlab, gitea, forgejo, gogs or generic.' },
  ERR_HOOK_NOT_CONFIGURED: { status: 403, summary: 'The project has no webhook secret, so every delivery is refused (webhooks fail closed); set the secret WEBHOOK_SECRET on the project.' },
  ERR_HOOK_SIGNATURE_MISSING: { status: 401, summary: 'The delivery carries no signature (or token) header this provider signs with, or only a SHA-1 signature.' },
  ERR_HOOK_SIGNATURE_INVALID: { status: 401, summary: 'The delivery signature or token does not match the project webhook secret over the raw body.' },
  ERR_HOOK_TIMESTAMP_STALE: { status: 401, summary: 'A signed webhook timestamp is more than five minutes away from the server clock, so the delivery may be a replay.' },
  ERR_HOOK_BODY_TOO_LARGE: { status: 413, summary: 'The delivery body is larger than RITMO_WEBHOOK_BODY_LIMIT; it was refused before its signature was computed.' },
  ERR_HOOK_MALFORMED_PAYLOAD: { status: 400, summary: 'The delivery body is not the JSON (or form-encoded JSON) payload the provider sends.' },
  ERR_HOOK_UNSUPPORTED_EVENT: { status: 400, summary: 'The delivery names no event, or an event this provider does not send; subscribe the webhook to push and pull request events.' },
  ERR_HOOK_DELIVERY_NOT_FOUND: { status: 404, summary: 'No webhook delivery has this id.' },
  ERR_HOOK_NOT_REDELIVERABLE: { status: 409, summary: 'Only a delivery whose signature was verified can be delivered again; rejected deliveries are kept for inspection only.' },
  ERR_TRIGGER_INVALID_TOKEN: { status: 401, summary: 'The trigger token is missing, unknown, revoked or belongs to another project.' },
  ERR_TRIGGER_UPSTREAM_CYCLE: { status: 409, summary: 'The upstream trigger would make projects trigger each other in a loop.' },
  ERR_TRIGGER_UPSTREAM_NOT_FOUND: { status: 404, summary: 'An upstream trigger names a project that does not exist.' },
  ERR_SCM_UNSUPPORTED_URL: { status: 400, summary: 'The repository URL is not https, http, ssh (ssh:// or user@host:path), file:// or an absolute local path.' },
  ERR_SCM_STATUS_FAILED: { status: 502, summary: 'The forge refused or did not answer a commit status report; the message has its HTTP status and body.' },
} as const satisfies Record<string, ErrorSpec>;

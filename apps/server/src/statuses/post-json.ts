import { isRitmoError, RitmoError, toError } from '@ritmo/shared';
import type { OutboundFetch, OutboundResponse } from '../outbound/create-outbound-fetch.js';

/** POSTs JSON to a forge API; ERR_SCM_STATUS_FAILED with the status and the start of the body when it is not 2xx. */
export async function postJson(url: string, headers: Record<string, string>, body: unknown, signal: AbortSignal | undefined, outbound: OutboundFetch): Promise<void> {
  let response: OutboundResponse;
  try {
    response = await outbound(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'Ritmo', ...headers },
      body: JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(15_000)]) : AbortSignal.timeout(15_000),
    });
  } catch (e: unknown) {
    if (isRitmoError(e, 'ERR_SERVER_OUTBOUND_BLOCKED')) throw e;
    throw new RitmoError('ERR_SCM_STATUS_FAILED', `cannot reach ${new URL(url).origin}: ${toError(e).message}`, { cause: e });
  }
  if (response.ok) return;
  const text = response.text.slice(0, 500);
  throw new RitmoError('ERR_SCM_STATUS_FAILED', `${new URL(url).origin} answered ${response.status} to a commit status: ${text}`, { details: { status: response.status } });
}

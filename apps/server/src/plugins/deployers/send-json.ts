import { isRitmoError, RitmoError, toError } from '@ritmo/shared';
import type { OutboundFetch, OutboundResponse } from '../../outbound/create-outbound-fetch.js';

/** POSTs a JSON body (already serialized, so it can be signed); ERR_PLUGIN_DEPLOY_FAILED unless the answer is 2xx. */
export async function sendJson(url: string, body: string, headers: Record<string, string>, signal: AbortSignal, outbound: OutboundFetch): Promise<number> {
  let response: OutboundResponse;
  try {
    response = await outbound(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Ritmo', ...headers },
      body,
      signal: AbortSignal.any([signal, AbortSignal.timeout(30_000)]),
    });
  } catch (e: unknown) {
    if (isRitmoError(e, 'ERR_SERVER_OUTBOUND_BLOCKED')) throw e;
    throw new RitmoError('ERR_PLUGIN_DEPLOY_FAILED', `cannot reach ${new URL(url).origin}: ${toError(e).message}`, { cause: e });
  }
  const text = response.text.slice(0, 500);
  if (!response.ok) {
    throw new RitmoError('ERR_PLUGIN_DEPLOY_FAILED', `${new URL(url).origin} answered ${response.status}: ${text}`, { details: { status: response.status } });
  }
  return response.status;
}

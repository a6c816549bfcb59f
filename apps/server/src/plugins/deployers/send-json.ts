import { RitmoError, toError } from '@ritmo/shared';

/** POSTs a JSON body (already serialized, so it can be signed); ERR_PLUGIN_DEPLOY_FAILED unless the answer is 2xx. */
export async function sendJson(url: string, body: string, headers: Record<string, string>, signal: AbortSignal): Promise<number> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Ritmo', ...headers },
      body,
      signal: AbortSignal.any([signal, AbortSignal.timeout(30_000)]),
    });
  } catch (e: unknown) {
    throw new RitmoError('ERR_PLUGIN_DEPLOY_FAILED', `cannot reach ${new URL(url).origin}: ${toError(e).message}`, { cause: e });
  }
  const text = (await response.text().catch(() => '')).slice(0, 500);
  if (!response.ok) {
    throw new RitmoError('ERR_PLUGIN_DEPLOY_FAILED', `${new URL(url).origin} answered ${response.status}: ${text}`, { details: { status: response.status } });
  }
  return response.status;
}

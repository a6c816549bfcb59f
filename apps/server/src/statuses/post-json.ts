import { RitmoError, toError } from '@ritmo/shared';

/** POSTs JSON to a forge API; ERR_SCM_STATUS_FAILED with the status and the start of the body when it is not 2xx. */
export async function postJson(url: string, headers: Record<string, string>, body: unknown, signal?: AbortSignal): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'Ritmo', ...headers },
      body: JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(15_000)]) : AbortSignal.timeout(15_000),
    });
  } catch (e: unknown) {
    throw new RitmoError('ERR_SCM_STATUS_FAILED', `cannot reach ${new URL(url).origin}: ${toError(e).message}`, { cause: e });
  }
  if (response.ok) {
    await response.body?.cancel();
    return;
  }
  const text = (await response.text().catch(() => '')).slice(0, 500);
  throw new RitmoError('ERR_SCM_STATUS_FAILED', `${new URL(url).origin} answered ${response.status} to a commit status: ${text}`, { details: { status: response.status } });
}

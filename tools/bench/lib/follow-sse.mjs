import { nowMs } from './clock.mjs';

/**
 * Follows a Server-Sent Events stream until it ends or `signal` aborts, calling `onEvent(type, data,
 * receivedAt)` for each event (data parsed as JSON) with the wall-clock time its bytes arrived.
 */
export async function followSse(url, { headers = {}, signal, onEvent }) {
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal });
  if (!res.ok || !res.body) throw new Error(`SSE ${url}: HTTP ${res.status}`);
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of res.body) {
      const receivedAt = nowMs();
      buffer += decoder.decode(chunk, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let type = 'message';
        let data = '';
        for (const line of frame.split('\n')) {
          if (line.startsWith('event: ')) type = line.slice(7);
          else if (line.startsWith('data: ')) data += line.slice(6);
        }
        if (data !== '') onEvent(type, JSON.parse(data), receivedAt);
      }
      if (signal?.aborted) break; // leaving the loop cancels the body
    }
  } catch (e) {
    if (!signal?.aborted) throw e;
  }
}

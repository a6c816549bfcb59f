import type { LiveEvent } from '@ritmo/protocol';

export interface SseMessage {
  id: string | null;
  event: LiveEvent;
}

/** Reads Server-Sent Events from a fetch response, one message at a time, until the stream ends. */
export async function* readSse(response: Response): AsyncGenerator<SseMessage> {
  if (!response.body) return;
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let id: string | null = null;
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('id: ')) id = line.slice(4);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      if (data) yield { id, event: JSON.parse(data) as LiveEvent };
    }
  }
}

/** Collects messages until `stop` says so (inclusive) or the stream ends; the stream stays open for more. */
export async function collectSse(stream: AsyncGenerator<SseMessage>, stop: (m: SseMessage, all: SseMessage[]) => boolean): Promise<SseMessage[]> {
  const all: SseMessage[] = [];
  for (;;) {
    const next = await stream.next();
    if (next.done) return all;
    all.push(next.value);
    if (stop(next.value, all)) return all;
  }
}

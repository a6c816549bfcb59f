/** One Server-Sent Events message. */
export interface SseMessage {
  event: string;
  data: string;
  /** The `id:` of this message, or undefined when it had none. */
  id: string | undefined;
}

export interface SseParser {
  /** Feeds decoded text; complete messages go to `onMessage`. */
  push(text: string): void;
}

/**
 * A parser for the `text/event-stream` format (WHATWG HTML §9.2): `event:`, `data:` (lines joined
 * with `\n`), `id:`, `retry:`, comments, and any of `\r\n`, `\n`, `\r` as line ends, across chunk splits.
 */
export function createSseParser(handlers: { onMessage(message: SseMessage): void; onRetry?(ms: number): void }): SseParser {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  let pendingCr = false;

  const dispatch = (): void => {
    if (data.length > 0) handlers.onMessage({ event: event || 'message', data: data.join('\n'), id });
    event = '';
    data = [];
    id = undefined;
  };
  const line = (text: string): void => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) handlers.onRetry?.(Number(value));
  };

  return {
    push(text) {
      let start = 0;
      let i = 0;
      // A "\r\n" split across two pushes: the "\n" at the start of this one ends nothing new.
      if (pendingCr && text.startsWith('\n')) start = i = 1;
      pendingCr = false;
      for (; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        line(buffer + text.slice(start, i));
        buffer = '';
        if (c === 13) {
          if (i + 1 === text.length) pendingCr = true;
          else if (text.charCodeAt(i + 1) === 10) i++;
        }
        start = i + 1;
      }
      buffer += text.slice(start);
    },
  };
}

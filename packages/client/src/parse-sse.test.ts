import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from './parse-sse.js';

function parseAll(chunks: string[]): { messages: SseMessage[]; retries: number[] } {
  const messages: SseMessage[] = [];
  const retries: number[] = [];
  const parser = createSseParser({ onMessage: (m) => messages.push(m), onRetry: (ms) => retries.push(ms) });
  for (const c of chunks) parser.push(c);
  return { messages, retries };
}

describe('createSseParser', () => {
  it('reads event, data, id and retry fields and skips comments', () => {
    const { messages, retries } = parseAll([': hello\nretry: 2000\n\nid: 7\nevent: build.status\ndata: {"a":1}\n\n']);
    expect(retries).toEqual([2000]);
    expect(messages).toEqual([{ event: 'build.status', data: '{"a":1}', id: '7' }]);
  });

  it('joins multi-line data and defaults the event name', () => {
    expect(parseAll(['data: one\ndata: two\n\n']).messages).toEqual([{ event: 'message', data: 'one\ntwo', id: undefined }]);
  });

  it('handles every line ending and messages split anywhere, a CRLF split included', () => {
    const text = 'id: 1\r\nevent: x\r\ndata: a\r\n\r\nid: 2\rdata: b\r\rdata: c\n\n';
    const whole = parseAll([text]).messages;
    expect(whole.map((m) => [m.id, m.data])).toEqual([['1', 'a'], ['2', 'b'], [undefined, 'c']]);
    for (let cut = 1; cut < text.length; cut++) {
      expect(parseAll([text.slice(0, cut), text.slice(cut)]).messages).toEqual(whole);
    }
    expect(parseAll(text.split('')).messages).toEqual(whole);
  });

  it('does not dispatch a message without data and keeps a value without a space after the colon', () => {
    expect(parseAll(['event: ping\n\n', 'data:x\n\n']).messages).toEqual([{ event: 'message', data: 'x', id: undefined }]);
  });
});

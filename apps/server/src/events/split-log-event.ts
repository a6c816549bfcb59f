import type { LogLinesEvent } from '@ritmo/protocol';

/**
 * Splits a log event into pieces of at most `maxBytes` of UTF-8 text each, cut at character
 * boundaries (preferably after a newline), with offsets that still add up.
 */
export function splitLogEvent(event: LogLinesEvent, maxBytes: number): LogLinesEvent[] {
  const bytes = Buffer.from(event.text, 'utf8');
  if (bytes.length <= maxBytes) return [event];
  const pieces: LogLinesEvent[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + maxBytes, bytes.length);
    if (end < bytes.length) {
      const newline = bytes.lastIndexOf(0x0a, end - 1);
      if (newline >= start) end = newline + 1;
      else while (end > start && (bytes[end]! & 0xc0) === 0x80) end--;
    }
    pieces.push({ ...event, offset: event.offset + start, nextOffset: event.offset + end, text: bytes.subarray(start, end).toString('utf8') });
    start = end;
  }
  return pieces;
}

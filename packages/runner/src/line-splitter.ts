/** Longest log line passed on; longer lines are split into pieces of this many characters. */
export const MAX_LINE_LENGTH = 64 * 1024;

export interface LineSplitter {
  write(text: string): void;
  /** Emits the unterminated rest, if any. */
  flush(): void;
}

/**
 * Cuts a text stream into lines (`\n`, with a trailing `\r` dropped), buffering a partial line
 * between writes. A line longer than `maxLength` is emitted in pieces, so memory stays bounded.
 */
export function createLineSplitter(emit: (line: string) => void, maxLength = MAX_LINE_LENGTH): LineSplitter {
  let partial = '';
  const emitLine = (line: string): void => {
    emit(line.endsWith('\r') ? line.slice(0, -1) : line);
  };
  return {
    write(text) {
      let start = 0;
      let newline = text.indexOf('\n');
      while (newline !== -1) {
        const line = partial + text.slice(start, newline);
        partial = '';
        let at = 0;
        for (; line.length - at > maxLength; at += maxLength) emit(line.slice(at, at + maxLength));
        emitLine(at === 0 ? line : line.slice(at));
        start = newline + 1;
        newline = text.indexOf('\n', start);
      }
      partial += text.slice(start);
      while (partial.length > maxLength) {
        emit(partial.slice(0, maxLength));
        partial = partial.slice(maxLength);
      }
    },
    flush() {
      if (partial.length > 0) emitLine(partial);
      partial = '';
    },
  };
}

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { computeWindow, scrollTopForRow } from './compute-window';
import { createRowMap } from './create-row-map';
import type { LogSection } from './find-sections';
import type { LogBuffer } from './log-buffer';
import { LogLine } from './log-line';
import { parseAnsi, type AnsiSpan } from './parse-ansi';

export const ROW_HEIGHT = 20;
const OVERSCAN = 20;
/** Below every browser's cap on an element's height. */
const MAX_SCROLL_HEIGHT = 8_000_000;
const CACHE_LINES = 4000;

export interface LogViewerProps {
  buffer: LogBuffer;
  /** Changes when the buffer's contents change. */
  version: number;
  sections: readonly LogSection[];
  folded: ReadonlySet<number>;
  onToggleFold(sectionStart: number): void;
  /** False while earlier bytes are still loading: line numbers are not known yet. */
  lineNumbers: boolean;
  /** The highlighted line (index in the buffer). */
  selectedLine: number | undefined;
  onSelectLine(line: number): void;
  follow: boolean;
  onFollowChange(follow: boolean): void;
  /** Scroll so this line shows (changing `nonce` repeats the jump). */
  jump?: { line: number; nonce: number } | undefined;
  /** The time a line arrived, when timestamps are on. */
  timeOf?: ((offset: number) => string | undefined) | undefined;
  highlight?: string | undefined;
  /** Height when the element cannot be measured (tests). */
  fallbackHeight?: number;
}

/**
 * A virtualized log: only the rows in view (plus a margin) are in the DOM, whatever the log's length,
 * and a million lines fit under browsers' element-height caps by scaling the scroll area. Follows the
 * end while scrolled to the bottom; scrolling up stops following.
 */
export function LogViewer(props: LogViewerProps) {
  const { buffer, version, sections, folded, follow, onFollowChange } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(props.fallbackHeight ?? 600);
  const programmatic = useRef<number | undefined>(undefined);
  const cache = useRef(new Map<number, AnsiSpan[]>());
  const lastStart = useRef(buffer.start);
  const topOffset = useRef<number | undefined>(undefined);

  const lineCount = buffer.lineCount;
  // `version` stands for the buffer's contents.
  const rows = useMemo(() => createRowMap(lineCount, sections, folded), [lineCount, sections, folded, version]);
  const sectionAt = useMemo(() => new Map(sections.map((s) => [s.start, s])), [sections]);
  const geometry = { viewportHeight: height, rowHeight: ROW_HEIGHT, rowCount: rows.rowCount, maxHeight: MAX_SCROLL_HEIGHT };
  const win = computeWindow({ ...geometry, scrollTop, overscan: OVERSCAN });

  const scrollTo = useCallback((top: number) => {
    const el = scroller.current;
    if (!el) return;
    programmatic.current = top;
    el.scrollTop = top;
    setScrollTop(top);
  }, []);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = (): void => setHeight(el.clientHeight || props.fallbackHeight || 600);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [props.fallbackHeight]);

  // New bytes: stay at the end while following; bytes added in front: keep the same line at the top.
  useLayoutEffect(() => {
    if (buffer.start !== lastStart.current) {
      lastStart.current = buffer.start;
      cache.current.clear();
      if (!follow && topOffset.current !== undefined) scrollTo(scrollTopForRow(rows.rowOf(buffer.lineAt(topOffset.current)), geometry));
    }
    if (follow) scrollTo(Math.max(0, win.totalHeight - height));
  }, [version, follow, height, rows.rowCount]);

  useLayoutEffect(() => {
    if (!props.jump) return;
    onFollowChange(false);
    scrollTo(scrollTopForRow(Math.max(0, rows.rowOf(props.jump.line) - 3), geometry));
  }, [props.jump?.nonce]);

  useEffect(() => {
    if (cache.current.size > CACHE_LINES) cache.current.clear();
  });

  const onScroll = (): void => {
    const el = scroller.current;
    if (!el) return;
    const top = el.scrollTop;
    setScrollTop(top);
    const seen = computeWindow({ ...geometry, scrollTop: top, overscan: 0 });
    topOffset.current = seen.first < rows.rowCount ? buffer.lineOffset(rows.lineOf(seen.first)) : undefined;
    if (programmatic.current !== undefined && Math.abs(programmatic.current - top) < 2) return;
    programmatic.current = undefined;
    const atEnd = top >= win.totalHeight - height - ROW_HEIGHT;
    if (atEnd !== follow) onFollowChange(atEnd);
  };

  const spansOf = (line: number): AnsiSpan[] => {
    const offset = buffer.lineOffset(line);
    let spans = cache.current.get(offset);
    if (!spans) {
      spans = parseAnsi(buffer.lineText(line));
      cache.current.set(offset, spans);
    }
    return spans;
  };

  const items = [];
  for (let row = win.first; row < win.last; row++) {
    const line = rows.lineOf(row);
    const section = sectionAt.get(line);
    const isFolded = section !== undefined && folded.has(line);
    const selected = props.selectedLine === line;
    const time = props.timeOf?.(buffer.lineOffset(line));
    items.push(
      <div key={row} data-row={row} data-line={line + 1} className={`flex h-5 whitespace-pre ${selected ? 'bg-yellow-100 dark:bg-yellow-900/40' : ''}`}>
        <span className="sticky left-0 z-10 flex w-24 shrink-0 items-center justify-end gap-1 bg-slate-100 pr-2 text-slate-600 select-none dark:bg-slate-900 dark:text-slate-400">
          {section ? (
            <button type="button" className="w-4 text-xs" aria-expanded={!isFolded} aria-label={`${isFolded ? 'Unfold' : 'Fold'} ${section.title}`} onClick={() => props.onToggleFold(line)}>
              {isFolded ? '▸' : '▾'}
            </button>
          ) : null}
          {props.lineNumbers ? (
            <a href={`#L${line + 1}`} className="hover:underline" onClick={() => props.onSelectLine(line)}>
              {line + 1}
            </a>
          ) : (
            <span aria-hidden="true">·</span>
          )}
        </span>
        {time !== undefined ? <span className="w-28 shrink-0 pl-2 text-slate-600 select-none dark:text-slate-400">{time}</span> : null}
        <span className="pl-3 pr-4">
          <LogLine spans={spansOf(line)} highlight={props.highlight} />
          {isFolded && section ? <span className="ml-2 text-slate-600 dark:text-slate-400">({(section.end === -1 ? lineCount - 1 : section.end) - section.start} lines folded)</span> : null}
        </span>
      </div>,
    );
  }

  return (
    <div
      ref={scroller}
      onScroll={onScroll}
      tabIndex={0}
      role="region"
      aria-label={`Job log, ${lineCount} lines`}
      data-testid="log-viewer"
      data-line-count={lineCount}
      style={{ height: `min(60vh, ${Math.max(win.totalHeight, 5 * ROW_HEIGHT) + 2}px)` }}
      className="relative overflow-auto rounded-md border border-slate-300 bg-slate-50 font-mono text-xs leading-5 text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
    >
      <div style={{ height: win.totalHeight, position: 'relative', minWidth: 'max-content' }}>
        <div style={{ position: 'absolute', top: win.firstTop, left: 0, right: 0, minWidth: 'max-content' }}>{items}</div>
      </div>
      {lineCount === 0 ? <p className="muted absolute inset-0 p-3">The log is empty so far.</p> : null}
    </div>
  );
}

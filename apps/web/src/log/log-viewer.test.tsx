// @vitest-environment jsdom
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogBuffer, type LogBuffer } from './log-buffer';
import { LogViewer, type LogViewerProps } from './log-viewer';

afterEach(cleanup);

function millionLines(): LogBuffer {
  const log = createLogBuffer();
  const encoder = new TextEncoder();
  for (let block = 0; block < 100; block++) {
    const lines: string[] = [];
    for (let i = 1; i <= 10_000; i++) {
      const n = block * 10_000 + i;
      lines.push(n % 1000 === 0 ? `\u001b[31mline ${n}\u001b[0m` : `line ${n}`);
    }
    log.append(encoder.encode(`${lines.join('\n')}\n`));
  }
  return log;
}

const buffer = millionLines();
const base: LogViewerProps = {
  buffer,
  version: 1,
  sections: [],
  folded: new Set(),
  onToggleFold: () => undefined,
  lineNumbers: true,
  selectedLine: undefined,
  onSelectLine: () => undefined,
  follow: false,
  onFollowChange: () => undefined,
  fallbackHeight: 600,
};

const rowsOf = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('[data-row]')];

describe('LogViewer with a million lines', () => {
  it('renders only a bounded window of rows, at the top', () => {
    const { container } = render(<LogViewer {...base} />);
    const rows = rowsOf(container);
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.length).toBeLessThanOrEqual(80);
    expect(rows[0]?.dataset.line).toBe('1');
    expect(rows[0]?.textContent).toContain('line 1');
    expect(container.querySelector('[data-testid="log-viewer"]')?.getAttribute('data-line-count')).toBe('1000000');
  });

  it('keeps the window bounded while scrolling anywhere, and shows the right lines', () => {
    const { container } = render(<LogViewer {...base} />);
    const viewer = container.querySelector<HTMLElement>('[data-testid="log-viewer"]');
    if (!viewer) throw new Error('no viewer');
    for (const fraction of [0.25, 0.5, 0.999999]) {
      act(() => {
        viewer.scrollTop = (8_000_000 - 600) * fraction;
        fireEvent.scroll(viewer);
      });
      const rows = rowsOf(container);
      expect(rows.length).toBeLessThanOrEqual(80);
      const lines = rows.map((r) => Number(r.dataset.line));
      const expected = Math.round(1_000_000 * fraction);
      expect(Math.min(...lines)).toBeLessThanOrEqual(expected);
      expect(Math.max(...lines)).toBeGreaterThanOrEqual(Math.min(expected, 1_000_000));
      for (const r of rows) expect(r.textContent).toContain(`line ${r.dataset.line}`);
    }
  });

  it('follows the end and renders the last line with its colors', () => {
    const { container } = render(<LogViewer {...base} follow />);
    const rows = rowsOf(container);
    expect(rows.length).toBeLessThanOrEqual(80);
    const last = rows[rows.length - 1];
    expect(last?.dataset.line).toBe('1000000');
    const colored = last?.querySelector<HTMLElement>('span[style*="color"]');
    expect(colored?.textContent).toBe('line 1000000');
    expect(colored?.style.color).toBe('var(--ansi-1)');
  });

  it('jumps to a line and links it', () => {
    const { container, rerender } = render(<LogViewer {...base} />);
    rerender(<LogViewer {...base} selectedLine={765_431} jump={{ line: 765_431, nonce: 1 }} />);
    const row = container.querySelector<HTMLElement>('[data-line="765432"]');
    expect(row?.textContent).toContain('line 765432');
    expect(row?.querySelector('a')?.getAttribute('href')).toBe('#L765432');
    expect(row?.className).toContain('bg-yellow');
  });

  it('folds a section down to its header row', () => {
    const sections = [{ start: 0, end: 999_990, title: 'big step', depth: 0 }];
    const { container } = render(<LogViewer {...base} sections={sections} folded={new Set([0])} />);
    const rows = rowsOf(container);
    expect(rows.map((r) => r.dataset.line).slice(0, 3)).toEqual(['1', '999992', '999993']);
    expect(rows[0]?.textContent).toContain('999990 lines folded');
    expect(rows.length).toBe(10);
  });
});

export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  rowCount: number;
  /** Rows rendered beyond each edge of the viewport. */
  overscan: number;
  /** Tallest scroll area to create; browsers cap element heights (Firefox near 17.9 million px). */
  maxHeight: number;
}

export interface RowWindow {
  /** First row to render. */
  first: number;
  /** One past the last row to render. */
  last: number;
  /** Height of the scroll area. */
  totalHeight: number;
  /** Top of row `first` in scroll-area coordinates; each next row is one rowHeight lower. */
  firstTop: number;
}

/** Rows' height when every row is drawn at its natural place, and how much scrolling moves them. */
function scale(input: Pick<WindowInput, 'viewportHeight' | 'rowHeight' | 'rowCount' | 'maxHeight'>) {
  const content = input.rowCount * input.rowHeight;
  const totalHeight = Math.min(content, input.maxHeight);
  const scrollable = Math.max(0, totalHeight - input.viewportHeight);
  const ratio = scrollable === 0 ? 1 : Math.max(1, (content - input.viewportHeight) / scrollable);
  return { content, totalHeight, ratio };
}

/**
 * Which rows of a long list to render for a scroll position: only those in (or near) the viewport.
 * Lists taller than `maxHeight` get a scroll area of `maxHeight` whose scrolling moves the rows
 * proportionally faster, so a million rows work in every browser.
 */
export function computeWindow(input: WindowInput): RowWindow {
  const { content, totalHeight, ratio } = scale(input);
  if (input.rowCount === 0) return { first: 0, last: 0, totalHeight: 0, firstTop: 0 };
  const scrollTop = Math.max(0, Math.min(input.scrollTop, Math.max(0, totalHeight - input.viewportHeight)));
  const virtualTop = Math.min(scrollTop * ratio, Math.max(0, content - input.viewportHeight));
  const first = Math.max(0, Math.floor(virtualTop / input.rowHeight) - input.overscan);
  const last = Math.min(input.rowCount, Math.ceil((virtualTop + input.viewportHeight) / input.rowHeight) + input.overscan);
  return { first, last, totalHeight, firstTop: scrollTop - (virtualTop - first * input.rowHeight) };
}

/** The scrollTop that puts `row` at the top of the viewport (or as near as the end allows). */
export function scrollTopForRow(row: number, input: Pick<WindowInput, 'viewportHeight' | 'rowHeight' | 'rowCount' | 'maxHeight'>): number {
  const { totalHeight, ratio } = scale(input);
  return Math.max(0, Math.min(totalHeight - input.viewportHeight, (row * input.rowHeight) / ratio));
}

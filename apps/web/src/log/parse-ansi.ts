/** A run of text with one style. Colors are 0–255 palette indexes or `#rrggbb`. */
export interface AnsiSpan {
  text: string;
  fg?: number | string;
  bg?: number | string;
  bold?: boolean;
}

interface Style {
  fg: number | string | undefined;
  bg: number | string | undefined;
  bold: boolean;
}

const hex = (n: number): string => Math.max(0, Math.min(255, n)).toString(16).padStart(2, '0');

/** Applies one SGR sequence's parameters to a style. Unknown parameters are ignored. */
function applySgr(style: Style, params: number[]): void {
  if (params.length === 0) params = [0];
  for (let i = 0; i < params.length; i++) {
    const p = params[i] ?? 0;
    if (p === 0) {
      style.fg = undefined;
      style.bg = undefined;
      style.bold = false;
    } else if (p === 1) style.bold = true;
    else if (p === 22) style.bold = false;
    else if (p >= 30 && p <= 37) style.fg = p - 30;
    else if (p >= 90 && p <= 97) style.fg = p - 90 + 8;
    else if (p === 39) style.fg = undefined;
    else if (p >= 40 && p <= 47) style.bg = p - 40;
    else if (p >= 100 && p <= 107) style.bg = p - 100 + 8;
    else if (p === 49) style.bg = undefined;
    else if (p === 38 || p === 48) {
      let color: number | string | undefined;
      if (params[i + 1] === 5) {
        color = Math.max(0, Math.min(255, params[i + 2] ?? 0));
        i += 2;
      } else if (params[i + 1] === 2) {
        color = `#${hex(params[i + 2] ?? 0)}${hex(params[i + 3] ?? 0)}${hex(params[i + 4] ?? 0)}`;
        i += 4;
      }
      if (p === 38) style.fg = color;
      else style.bg = color;
    }
  }
}

/**
 * Splits one log line into styled spans. SGR colors (30–37, 90–97, 40–47, 100–107, 39, 49, 256-color and
 * true color), bold (1, 22) and reset (0) are honoured; other escape sequences are dropped. A carriage
 * return inside the line keeps what a terminal would show: the text after the last one. Each line starts
 * unstyled, as CI logs reset their colors per line.
 */
export function parseAnsi(line: string): AnsiSpan[] {
  const cr = line.lastIndexOf('\r', line.length - 2);
  if (cr !== -1) line = line.slice(cr + 1);
  if (line.endsWith('\r')) line = line.slice(0, -1);
  const spans: AnsiSpan[] = [];
  const style: Style = { fg: undefined, bg: undefined, bold: false };
  let text = '';
  const flush = (): void => {
    if (text === '') return;
    const span: AnsiSpan = { text };
    if (style.fg !== undefined) span.fg = style.fg;
    if (style.bg !== undefined) span.bg = style.bg;
    if (style.bold) span.bold = true;
    spans.push(span);
    text = '';
  };
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 0x1b) {
      text += line[i];
      continue;
    }
    if (line[i + 1] === '[') {
      // CSI: parameters and intermediates, then one final byte in @–~.
      let j = i + 2;
      while (j < line.length && !/[@-~]/.test(line[j] ?? '')) j++;
      if (line[j] === 'm') {
        flush();
        applySgr(style, line.slice(i + 2, j).split(/[;:]/).filter((s) => s !== '').map(Number));
      }
      i = j;
    } else if (line[i + 1] === ']') {
      // OSC (titles, hyperlinks): up to BEL or ST.
      let j = i + 2;
      while (j < line.length && line.charCodeAt(j) !== 0x07 && !(line[j] === '\u001b' && line[j + 1] === '\\')) j++;
      i = line.charCodeAt(j) === 0x07 ? j : j + 1;
    } else i++;
  }
  flush();
  return spans;
}

/** The 16 basic colors as CSS variables (themed in index.css); 16–231 a 6×6×6 cube; 232–255 grays. */
export function ansiColor(color: number | string): string {
  if (typeof color === 'string') return color;
  if (color < 16) return `var(--ansi-${color})`;
  if (color < 232) {
    const n = color - 16;
    const level = (v: number): number => (v === 0 ? 0 : 55 + v * 40);
    return `rgb(${level(Math.floor(n / 36))}, ${level(Math.floor(n / 6) % 6)}, ${level(n % 6)})`;
  }
  const gray = 8 + (color - 232) * 10;
  return `rgb(${gray}, ${gray}, ${gray})`;
}

/** The line's text without escape sequences (what search and copy see). */
export function stripAnsi(line: string): string {
  return parseAnsi(line)
    .map((s) => s.text)
    .join('');
}

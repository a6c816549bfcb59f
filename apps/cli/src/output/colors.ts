import type { TextSink } from '../cli-deps.js';

export type Paint = (text: string) => string;

export interface Colors {
  enabled: boolean;
  bold: Paint;
  dim: Paint;
  red: Paint;
  green: Paint;
  yellow: Paint;
  gray: Paint;
  /** A stable color per job index, cycling through a palette that avoids the status colors. */
  job(index: number): Paint;
}

const plain: Paint = (text) => text;
const sgr = (open: number, close: number): Paint => (text) => `\u001b[${open}m${text}\u001b[${close}m`;
const JOB_PALETTE: Paint[] = [sgr(36, 39), sgr(35, 39), sgr(34, 39), sgr(96, 39), sgr(95, 39), sgr(94, 39), sgr(33, 39), sgr(32, 39)];

/**
 * Colors are on when the sink is a terminal or FORCE_COLOR is set (to anything but `0`/`false`), and
 * always off when NO_COLOR is set to a non-empty value (https://no-color.org).
 */
export function shouldUseColor(sink: TextSink, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return sink.isTTY === true;
}

export function createColors(enabled: boolean): Colors {
  if (!enabled) {
    return { enabled, bold: plain, dim: plain, red: plain, green: plain, yellow: plain, gray: plain, job: () => plain };
  }
  return {
    enabled,
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    gray: sgr(90, 39),
    job: (index) => JOB_PALETTE[index % JOB_PALETTE.length] ?? plain,
  };
}

import type { LogBuffer } from './log-buffer';

/** A foldable part of a log: a step (runner lines) or a group (`::group::`, GitLab `section_start`). */
export interface LogSection {
  /** Index of the header line. */
  start: number;
  /** Index of the last line (inclusive), or -1 while the section is still open. */
  end: number;
  title: string;
  depth: number;
}

export interface SectionScanner {
  readonly sections: readonly LogSection[];
  /** Looks at lines not seen yet (call after each append); returns true when sections changed. */
  scan(): boolean;
}

const STEP_START = /^Running step "(.*)"$/;
const STEP_END = /^Step "(.*)" (success|failure|canceled|skipped) \(/;
const GROUP_START = /^(?:::group::|##\[group\])(.*)$/;
const GROUP_END = /^(?:::endgroup::|##\[endgroup\])/;
// GitLab: section_start:<unix time>:<name>[options]\r\e[0K<header>
const SECTION_START = /^section_start:\d+:([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\r\u001b\[0K(.*)$/;
const SECTION_END = /^section_end:\d+:([A-Za-z0-9_.-]+)\r\u001b\[0K/;

/** First bytes of lines that may be markers: R(unning), S(tep), :(:group), #(#[group]), s(ection_). */
const CANDIDATE = new Set([0x52, 0x53, 0x3a, 0x23, 0x73]);

/**
 * Finds foldable sections in a log, line by line as lines arrive: the runner's `Running step "x"` …
 * `Step "x" success (…)` lines, `::group::title` … `::endgroup::`, and GitLab's section markers. Only
 * lines starting with a marker's first byte are decoded, so a million-line log scans quickly.
 */
export function createSectionScanner(log: LogBuffer): SectionScanner {
  const sections: LogSection[] = [];
  const open: { section: LogSection; kind: 'step' | 'group' | 'gitlab'; name: string }[] = [];
  let next = 0;

  const close = (index: number, at: number): void => {
    for (const entry of open.splice(index)) if (entry.section.end === -1) entry.section.end = at;
  };
  const openSection = (line: number, title: string, kind: 'step' | 'group' | 'gitlab', name: string): void => {
    const section: LogSection = { start: line, end: -1, title, depth: open.length };
    sections.push(section);
    open.push({ section, kind, name });
  };

  return {
    sections,
    scan() {
      let changed = false;
      // The last line may still grow: look at it again next time.
      const upTo = log.lineCount - 1;
      for (; next < upTo || (next === upTo && log.end === log.lineOffset(upTo) + log.lineBytes(upTo).length + 1); next++) {
        const bytes = log.lineBytes(next);
        if (bytes.length === 0 || !CANDIDATE.has(bytes[0] as number)) continue;
        const text = new TextDecoder().decode(bytes);
        let m: RegExpExecArray | null;
        if ((m = STEP_START.exec(text))) {
          const step = open.findIndex((o) => o.kind === 'step');
          if (step !== -1) close(step, next - 1);
          openSection(next, m[1] ?? '', 'step', m[1] ?? '');
        } else if ((m = STEP_END.exec(text))) {
          const step = open.findIndex((o) => o.kind === 'step' && o.name === m?.[1]);
          if (step !== -1) close(step, next);
          else continue;
        } else if ((m = GROUP_START.exec(text))) openSection(next, (m[1] ?? '').trim() || 'group', 'group', '');
        else if (GROUP_END.test(text)) {
          const group = open.findLastIndex((o) => o.kind === 'group');
          if (group !== -1) close(group, next);
          else continue;
        } else if ((m = SECTION_START.exec(text))) openSection(next, (m[2] ?? '').replace(/\u001b\[[0-9;]*m/g, '') || (m[1] ?? ''), 'gitlab', m[1] ?? '');
        else if ((m = SECTION_END.exec(text))) {
          const section = open.findLastIndex((o) => o.kind === 'gitlab' && o.name === m?.[1]);
          if (section !== -1) close(section, next);
          else continue;
        } else continue;
        changed = true;
      }
      return changed;
    },
  };
}

import { RitmoError } from '@ritmo/shared';
import type { NewTestCase, TestCaseStatus } from '@ritmo/store';
import { xmlTokens } from './xml-tokens.js';

export interface JunitLimits {
  /** Largest report, in bytes of XML. */
  maxBytes: number;
  /** Most test cases in one report. */
  maxTests: number;
}

export const DEFAULT_JUNIT_LIMITS: JunitLimits = { maxBytes: 16 * 1024 * 1024, maxTests: 50_000 };

/** Longest failure message kept per test; the rest is cut. */
const MAX_MESSAGE = 4000;
/** Deepest element nesting accepted. */
const MAX_DEPTH = 64;

const OUTCOMES: Record<string, TestCaseStatus> = { failure: 'failed', error: 'error', skipped: 'skipped' };

/** `1.5`, `1,234.5` (some Maven versions) or missing: seconds in, whole milliseconds out. */
function seconds(value: string | undefined): number {
  const n = Number.parseFloat((value ?? '').replace(/,/g, ''));
  return Number.isFinite(n) && n > 0 ? Math.round(n * 1000) : 0;
}

function clip(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  return t.length > MAX_MESSAGE ? `${t.slice(0, MAX_MESSAGE)}…` : t;
}

interface OpenCase {
  case: NewTestCase;
  /** The outcome's `message` attribute, and the text inside it (often a stack trace). */
  summary: string;
  detail: string;
  inOutcome: boolean;
}

/**
 * The test cases of a JUnit XML report, as pytest, Jest (jest-junit), Maven Surefire, Gradle and
 * most other tools write it: `<testsuites>` or a lone `<testsuite>` at the root, `<testcase>`s with
 * a `<failure>`, `<error>` or `<skipped>` child. Suites may nest; unknown elements (`properties`,
 * `system-out`) are ignored. Bounded: the report's size, its test count and its nesting depth are
 * capped, and it may not declare a DTD.
 */
export function parseJunit(xml: string, limits: JunitLimits = DEFAULT_JUNIT_LIMITS): NewTestCase[] {
  if (Buffer.byteLength(xml) > limits.maxBytes) throw new RitmoError('ERR_REPORT_TOO_LARGE', `the report is larger than ${limits.maxBytes} bytes`, { details: { limit: limits.maxBytes } });
  const cases: NewTestCase[] = [];
  const stack: string[] = [];
  const suites: string[] = [];
  let open: OpenCase | undefined;
  let root: string | undefined;
  for (const token of xmlTokens(xml)) {
    if (token.kind === 'text') {
      if (open?.inOutcome && open.detail.length < MAX_MESSAGE) open.detail += token.text;
      continue;
    }
    if (token.kind === 'close') {
      const top = stack.pop();
      if (top !== token.name) throw new RitmoError('ERR_REPORT_INVALID', `</${token.name}> closes <${top ?? 'nothing'}>`, { details: { line: null } });
      closeElement(token.name);
      continue;
    }
    root ??= token.name;
    if (root !== 'testsuites' && root !== 'testsuite') throw new RitmoError('ERR_REPORT_INVALID', `the root element is <${root}>, not <testsuites> or <testsuite>`, { details: { line: null } });
    const { name, attrs } = token;
    if (name === 'testsuite') suites.push(attrs['name'] ?? '');
    else if (name === 'testcase' && open === undefined) {
      if (cases.length >= limits.maxTests) throw new RitmoError('ERR_REPORT_TOO_MANY_TESTS', `the report has more than ${limits.maxTests} test cases`, { details: { limit: limits.maxTests } });
      const suite = suites.filter((s) => s !== '').at(-1) ?? '';
      open = {
        case: { suite, classname: attrs['classname'] ?? attrs['class'] ?? suite, name: attrs['name'] ?? '', status: 'passed', durationMs: seconds(attrs['time']), message: null },
        summary: '',
        detail: '',
        inOutcome: false,
      };
    } else if (open !== undefined && OUTCOMES[name] !== undefined && stack.at(-1) === 'testcase') {
      // The worst outcome wins when a tool writes more than one (error over failure over skipped).
      const status = OUTCOMES[name]!;
      const rank = { passed: 0, skipped: 1, failed: 2, error: 3 };
      if (rank[status] >= rank[open.case.status]) {
        open.case.status = status;
        open.summary = (attrs['message'] ?? '').trim();
        open.case.message = clip(open.summary);
        open.detail = '';
        open.inOutcome = !token.selfClosing && status !== 'skipped';
      }
    }
    if (token.selfClosing) closeElement(name);
    else {
      stack.push(name);
      if (stack.length > MAX_DEPTH) throw new RitmoError('ERR_REPORT_INVALID', `elements nest deeper than ${MAX_DEPTH} levels`, { details: { line: null } });
    }
  }
  if (root === undefined) throw new RitmoError('ERR_REPORT_INVALID', 'the report has no <testsuites> or <testsuite> element', { details: { line: null } });
  if (stack.length > 0) throw new RitmoError('ERR_REPORT_INVALID', `the report ends inside <${stack.at(-1)}>`, { details: { line: null } });
  return cases;

  function closeElement(name: string): void {
    if (name === 'testsuite') suites.pop();
    else if (name === 'testcase' && open !== undefined && !stack.includes('testcase')) {
      cases.push(open.case);
      open = undefined;
    } else if (open?.inOutcome && OUTCOMES[name] !== undefined) {
      const detail = open.detail.trim();
      open.case.message = clip(detail.includes(open.summary) ? detail : `${open.summary}\n${detail}`);
      open.inOutcome = false;
    }
  }
}

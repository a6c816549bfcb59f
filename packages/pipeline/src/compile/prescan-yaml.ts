import { Lexer } from 'yaml';
import type { Limits } from '../limits.js';

export interface PrescanProblem {
  code: 'ERR_PIPELINE_LIMIT_DEPTH' | 'ERR_PIPELINE_LIMIT_ALIASES';
  message: string;
  offset: number;
}

type BlockKind = 'seq' | 'map';

// Zero-width markers the yaml lexer puts in its token stream (they are not source text).
const DOC_START = '\x02';
const FLOW_ERROR_END = '\x18';
const SCALAR = '\x1f';

/**
 * One linear pass over the lexer's tokens, before any document is built, that measures nesting depth
 * (block collections by indentation, plus flow brackets) and counts aliases. It stops at the first
 * token that breaks a limit, so a 10,000-deep file or an alias flood costs a few tokens, not a parse.
 * The composed document is checked again exactly; this pass only has to keep pathological input
 * away from the recursive composer.
 */
export function prescanYaml(text: string, limits: Pick<Limits, 'maxDepth' | 'maxAliases'>): PrescanProblem | undefined {
  const blocks: { indent: number; kind: BlockKind }[] = [];
  let flow = 0;
  let aliases = 0;
  let offset = 0;
  let lineStart = 0;
  // Where the block node being read starts (its first token after an indicator or a line break).
  let node: { column: number; offset: number } | undefined;
  let scalarNext = false;

  const depthProblem = (at: number): PrescanProblem | undefined =>
    blocks.length + flow > limits.maxDepth
      ? { code: 'ERR_PIPELINE_LIMIT_DEPTH', message: `YAML nesting is deeper than the limit of ${limits.maxDepth}`, offset: at }
      : undefined;

  const openBlock = (indent: number, kind: BlockKind, at: number): PrescanProblem | undefined => {
    while (blocks.length > 0 && blocks[blocks.length - 1]!.indent > indent) blocks.pop();
    const top = blocks[blocks.length - 1];
    if (top?.indent === indent) {
      if (top.kind === kind) return undefined;
      if (top.kind === 'seq') {
        // A key at the indentation of a list ends that list (`a:\n- x\nb: y`).
        blocks.pop();
        const parent = blocks[blocks.length - 1];
        if (parent?.indent === indent && parent.kind === 'map') return undefined;
      }
    }
    blocks.push({ indent, kind });
    return depthProblem(at);
  };

  for (const token of new Lexer().lex(text)) {
    if (token === DOC_START || token === FLOW_ERROR_END) continue;
    if (token === SCALAR) {
      scalarNext = true;
      continue;
    }
    const column = offset - lineStart;
    const isScalar = scalarNext;
    scalarNext = false;
    let problem: PrescanProblem | undefined;
    const here = { column, offset };
    if (isScalar) {
      if (flow === 0) node ??= here;
    } else if (token === '\n' || token === '\r\n') {
      node = undefined;
    } else if (token === '---' || token === '...') {
      blocks.length = 0;
      flow = 0;
      node = undefined;
    } else if (flow === 0 && (token === '-' || token === '?')) {
      problem = openBlock(column, token === '-' ? 'seq' : 'map', offset);
      node = undefined;
    } else if (flow === 0 && token === ':') {
      const key = node ?? here;
      problem = openBlock(key.column, 'map', key.offset);
      node = undefined;
    } else if (token === '[' || token === '{') {
      if (flow === 0) node ??= here;
      flow++;
      problem = depthProblem(offset);
    } else if (token === ']' || token === '}') {
      flow = Math.max(0, flow - 1);
    } else if (token.startsWith('*')) {
      aliases++;
      if (aliases > limits.maxAliases) {
        problem = { code: 'ERR_PIPELINE_LIMIT_ALIASES', message: `YAML uses more than the limit of ${limits.maxAliases} aliases`, offset };
      }
      if (flow === 0) node ??= here;
    } else if (!/^[ \t\uFEFF]/.test(token) && !token.startsWith('#') && flow === 0) {
      node ??= here;
    }
    if (problem) return problem;
    const lastBreak = token.lastIndexOf('\n');
    if (lastBreak >= 0) lineStart = offset + lastBreak + 1;
    offset += token.length;
  }
  return undefined;
}

import { parseDocument as parseYaml } from 'yaml';
import type { Limits } from '../limits.js';
import { checkFileSize } from './check-file-size.js';
import type { DiagnosticSink } from './diagnostic-sink.js';
import { createLineIndex, type LineIndex } from './line-index.js';
import { prescanYaml } from './prescan-yaml.js';
import { toTree } from './to-tree.js';
import type { YNode } from './yaml-tree.js';

export interface ParsedDocument {
  /** The tree, or undefined when the file broke a limit or is not valid YAML. */
  root?: YNode;
  at: LineIndex;
}

const START = { offset: 0, line: 1, column: 1 };

/** Clearer words for yaml errors whose own message talks about the library. */
const MESSAGES: Partial<Record<string, string>> = {
  MULTIPLE_DOCS: 'a pipeline file holds one YAML document; remove the second "---" and what follows, or split the file',
};

/**
 * Text to tree, checking limits before each expensive step: the byte size before anything, depth
 * and alias count in one lexer pass before the document is composed, then alias expansion and depth
 * through aliases while the tree is built.
 */
export function parseDocument(text: string, limits: Limits, sink: DiagnosticSink): ParsedDocument {
  const bytes = checkFileSize(text, limits.maxFileBytes);
  if (bytes !== undefined) {
    sink.add('ERR_PIPELINE_LIMIT_FILE_SIZE', `file is ${bytes} bytes, over the limit of ${limits.maxFileBytes} bytes`, START, []);
    return { at: () => START };
  }
  const at = createLineIndex(text);
  const problem = prescanYaml(text, limits);
  if (problem) {
    sink.add(problem.code, problem.message, at(problem.offset), []);
    return { at };
  }
  const doc = parseYaml(text, { prettyErrors: false, uniqueKeys: true, strict: true });
  // After the first syntax error the parser's further errors are mostly its consequences: keep that
  // one, plus every duplicate key (each is a problem of its own).
  const firstSyntax = doc.errors.find((e) => e.code !== 'DUPLICATE_KEY');
  for (const error of doc.errors) {
    if (error.code === 'DUPLICATE_KEY') sink.add('ERR_PIPELINE_DUPLICATE_KEY', yamlMessage(error.message), at(error.pos[0]), []);
    else if (error === firstSyntax) sink.add('ERR_PIPELINE_YAML_SYNTAX', MESSAGES[error.code] ?? yamlMessage(error.message), at(error.pos[0]), []);
  }
  for (const warning of doc.warnings) {
    sink.add('ERR_PIPELINE_YAML_SYNTAX', yamlMessage(warning.message), at(warning.pos[0]), [], { severity: 'warning' });
  }
  if (doc.errors.length > 0) return { at };
  const root = toTree(doc, text, at, limits, (p) => sink.add(p.code, p.message, at(p.offset), []));
  return root === undefined ? { at } : { root, at };
}

/** yaml's messages, first line only, starting lower-case like every other diagnostic. */
function yamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.charAt(0).toLowerCase() + first.slice(1);
}

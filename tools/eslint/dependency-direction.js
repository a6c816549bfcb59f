import { builtinModules } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { dependencyRules } from '../dependency-rules.js';

const builtins = new Set(builtinModules);
const manifestCache = new Map();

/** The nearest package.json above a file, parsed, with its directory. */
function findManifest(file) {
  let dir = dirname(file);
  while (true) {
    if (manifestCache.has(dir)) return manifestCache.get(dir);
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const found = { dir, manifest: JSON.parse(readFileSync(candidate, 'utf8')) };
      manifestCache.set(dir, found);
      return found;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function packageNameOf(source) {
  if (source.startsWith('@')) return source.split('/').slice(0, 2).join('/');
  return source.split('/')[0];
}

const isTestFile = (file) => /\.test\.[cm]?[jt]sx?$/.test(file) || file.includes(`${sep}testing${sep}`);

/** @type {import('eslint').Rule.RuleModule} */
export const dependencyDirection = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the package dependency direction of DESIGN.md §2.' },
    schema: [],
    messages: {
      forbidden: '{{from}} may not import {{to}} (allowed: {{allowed}}). See DESIGN.md §2.',
      self: 'Import your own package by relative path, not by its name {{to}}.',
      escape: 'Relative import "{{source}}" leaves package {{from}}; import the other package by name.',
      builtin: '{{from}} is pure and may not import the Node built-in "{{source}}".',
      undeclared: '"{{dep}}" is not declared in {{manifest}}; add it to dependencies.',
    },
  },
  create(context) {
    const file = context.filename;
    const found = findManifest(file);
    if (!found) return {};
    const from = found.manifest.name;
    const rule = dependencyRules[from];
    if (!rule) return {};
    const declared = new Set([
      ...Object.keys(found.manifest.dependencies ?? {}),
      ...Object.keys(found.manifest.peerDependencies ?? {}),
      ...Object.keys(found.manifest.devDependencies ?? {}),
    ]);
    const test = isTestFile(file);

    function check(node, source) {
      if (typeof source !== 'string') return;
      if (source.startsWith('.')) {
        const target = resolve(dirname(file), source);
        const rel = relative(found.dir, target);
        if (rel.startsWith('..')) context.report({ node, messageId: 'escape', data: { source, from } });
        return;
      }
      const bare = source.startsWith('node:') ? source.slice(5) : source;
      if (source.startsWith('node:') || builtins.has(bare.split('/')[0])) {
        if (rule.pure && !test) context.report({ node, messageId: 'builtin', data: { from, source } });
        return;
      }
      const dep = packageNameOf(source);
      if (dep === from) {
        if (test) return; // tests exercise the package through its public entry
        context.report({ node, messageId: 'self', data: { to: dep } });
        return;
      }
      if (dep.startsWith('@ritmo/')) {
        if (!rule.allow.includes(dep)) {
          context.report({ node, messageId: 'forbidden', data: { from, to: dep, allowed: rule.allow.join(', ') || 'none' } });
        }
        return;
      }
      // Test files may use the root's dev tools (vitest ...); production code declares what it uses.
      if (!declared.has(dep) && !test) {
        context.report({ node, messageId: 'undeclared', data: { dep, manifest: relative(process.cwd(), join(found.dir, 'package.json')) } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export default { rules: { 'dependency-direction': dependencyDirection } };

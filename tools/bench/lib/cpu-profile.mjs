import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ROOT } from '../../../e2e/support/processes.mjs';

async function profileFiles(dir) {
  const found = [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await profileFiles(path)));
    else if (entry.name.endsWith('.cpuprofile')) found.push(path);
  }
  return found;
}

const pathOf = (url) => (url.startsWith('file://') ? relative(ROOT, new URL(url).pathname) : url);

/** Which package or workspace a frame belongs to: `node_modules/pg`, `packages/store`, `node:internal` … */
function moduleOf(frame) {
  if (!frame.url) return frame.functionName || '(native)';
  const path = pathOf(frame.url);
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (dep) return dep[1];
  if (path.startsWith('node:')) return 'node internals';
  const parts = path.split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : path;
}

const keyOf = (frame) => `${frame.functionName || '(anonymous)'}${frame.url ? ` ${pathOf(frame.url)}:${frame.lineNumber + 1}` : ''}`;

/**
 * Reads every .cpuprofile under `dir` (one per process) and answers where the busy time went: the
 * functions with the most self time and the same grouped by package, as shares of the busy (non-idle) time.
 */
export async function summarizeProfiles(dir, top = 12) {
  const files = await profileFiles(dir);
  const byFunction = new Map();
  const byModule = new Map();
  const inclusive = new Map();
  let idle = 0;
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(await readFile(file, 'utf8'));
    const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    const parent = new Map();
    for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      const frame = nodes.get(samples[i]);
      const ms = (deltas[i] ?? 0) / 1000;
      if (!frame) continue;
      total += ms;
      if (frame.functionName === '(idle)') {
        idle += ms;
        continue;
      }
      const key = keyOf(frame);
      byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
      const mod = moduleOf(frame);
      byModule.set(mod, (byModule.get(mod) ?? 0) + ms);
      // Inclusive time of our own functions (apps/, packages/): each counted once per sample.
      const seen = new Set();
      for (let id = samples[i]; id !== undefined; id = parent.get(id)) {
        const f = nodes.get(id);
        if (!f?.url || !/^(apps|packages)\//.test(pathOf(f.url))) continue;
        const k = keyOf(f);
        if (seen.has(k)) continue;
        seen.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
      }
    }
  }
  const busy = total - idle;
  const rank = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, share: busy > 0 ? ms / busy : 0 }));
  return { files: files.length, totalMs: total, busyMs: busy, functions: rank(byFunction), modules: rank(byModule), inclusive: rank(inclusive) };
}

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

/**
 * Reads every .cpuprofile under `dir` (one per process) and answers where the busy time went: the
 * functions with the most self time and the same grouped by package, as shares of the busy (non-idle) time.
 */
export async function summarizeProfiles(dir, top = 12) {
  const files = await profileFiles(dir);
  const byFunction = new Map();
  const byModule = new Map();
  let idle = 0;
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(await readFile(file, 'utf8'));
    const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
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
      const key = `${frame.functionName || '(anonymous)'}${frame.url ? ` ${pathOf(frame.url)}:${frame.lineNumber + 1}` : ''}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
      const mod = moduleOf(frame);
      byModule.set(mod, (byModule.get(mod) ?? 0) + ms);
    }
  }
  const busy = total - idle;
  const rank = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, share: busy > 0 ? ms / busy : 0 }));
  return { files: files.length, totalMs: total, busyMs: busy, functions: rank(byFunction), modules: rank(byModule) };
}

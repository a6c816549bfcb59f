import type { CompileContext } from './compile-context.js';
import type { JobNeeds } from './compile-stages.js';
import { didYouMean } from './suggest.js';

/**
 * Checks the needs graph between job keys: every needed job exists (did-you-mean otherwise) and
 * there is no cycle. A cycle is reported once, named in order from the job that comes first in the
 * file (`a -> b -> c -> a`), at that job's entry for the next job. Returns false on any problem.
 */
export function checkNeedsDag(needs: Map<string, JobNeeds>, ctx: CompileContext): boolean {
  const keys = [...needs.keys()];
  let ok = true;
  for (const [key, entry] of needs) {
    entry.keys.forEach((need, i) => {
      if (needs.has(need)) return;
      ok = false;
      ctx.report('ERR_PIPELINE_UNKNOWN_NEEDS', `job "${key}" needs "${need}", which is not a job of this pipeline`, entry.paths[i] ?? ['jobs', key], {
        suggestions: didYouMean(need, keys),
      });
    });
  }
  for (const cycle of findCycles(keys, needs)) {
    ok = false;
    const first = cycle[0]!;
    const second = cycle[1] ?? first;
    const entry = needs.get(first)!;
    const path = entry.paths[entry.keys.indexOf(second)] ?? ['jobs', first];
    ctx.report('ERR_PIPELINE_NEEDS_CYCLE', `needs form a cycle: ${[...cycle, first].join(' -> ')}`, path);
  }
  return ok;
}

/** Distinct cycles found by an iterative depth-first search, each rotated to start at its earliest job. */
function findCycles(keys: string[], needs: Map<string, JobNeeds>): string[][] {
  const order = new Map(keys.map((k, i) => [k, i]));
  const state = new Map<string, 'active' | 'done'>();
  const seen = new Set<string>();
  const cycles: string[][] = [];
  for (const start of keys) {
    if (state.has(start)) continue;
    const stack: { key: string; next: number }[] = [{ key: start, next: 0 }];
    state.set(start, 'active');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const targets = (needs.get(top.key)?.keys ?? []).filter((k) => needs.has(k));
      if (top.next >= targets.length) {
        state.set(top.key, 'done');
        stack.pop();
        continue;
      }
      const target = targets[top.next++]!;
      if (state.get(target) === 'active') {
        const from = stack.findIndex((f) => f.key === target);
        const cycle = stack.slice(from).map((f) => f.key);
        const firstAt = cycle.reduce((best, k, i) => ((order.get(k) ?? 0) < (order.get(cycle[best]!) ?? 0) ? i : best), 0);
        const rotated = [...cycle.slice(firstAt), ...cycle.slice(0, firstAt)];
        const id = rotated.join('\n');
        if (!seen.has(id)) {
          seen.add(id);
          cycles.push(rotated);
        }
      } else if (!state.has(target)) {
        state.set(target, 'active');
        stack.push({ key: target, next: 0 });
      }
    }
  }
  return cycles;
}

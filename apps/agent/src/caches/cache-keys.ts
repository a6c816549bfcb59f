import { interpolate, type CacheSpec, type ExpressionContext } from '@ritmo/pipeline';
import { CacheKey } from '@ritmo/protocol';
import { createHashFiles } from '@ritmo/runner';

/** The cache's key and restore keys evaluated in the job's context (with `hashFiles` over the workspace); undefined when one does not evaluate to a valid key. */
export function cacheKeys(spec: CacheSpec, ctx: ExpressionContext, workspace: string): { key: string; restoreKeys: string[] } | { error: string } {
  const hashFiles = createHashFiles(workspace);
  try {
    const key = interpolate(spec.key, ctx, { hashFiles });
    const restoreKeys = spec.restoreKeys.map((k) => interpolate(k, ctx, { hashFiles })).filter((k) => k !== '');
    for (const k of [key, ...restoreKeys]) {
      if (!CacheKey.safeParse(k).success) return { error: `"${k.slice(0, 80)}" is not a valid cache key (1-512 characters, no commas or control characters)` };
    }
    return { key, restoreKeys };
  } catch (e: unknown) {
    return { error: (e as Error).message };
  }
}

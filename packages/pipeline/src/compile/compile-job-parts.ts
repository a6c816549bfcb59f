import { parseDuration } from '@ritmo/shared';
import type { ArtifactSpec, CacheSpec, ConcurrencySpec, EnvironmentSpec, RetryPolicy, RetryWhen, ServiceSpec } from '../plan.js';
import type { JobInput } from '../schema/pipeline-schema.js';
import { mapValues, scalarText, toList, type CompileContext } from './compile-context.js';
import type { TreePath } from './yaml-tree.js';

/** Applies matrix substitution to a template. */
export type Substitute = (text: string) => string;

export const DEFAULT_RETRY: RetryPolicy = { max: 0, when: ['agent-lost'], exitCodes: [] };

/**
 * `retry: 2` retries on any failure (when: always). `{ max }` alone means the same; with
 * `exit-codes` and no `when`, only those exit codes are retried.
 */
export function compileRetry(retry: JobInput['retry']): RetryPolicy {
  if (retry === undefined) return { ...DEFAULT_RETRY, when: [...DEFAULT_RETRY.when] };
  if (typeof retry === 'number') return { max: retry, when: ['always'], exitCodes: [] };
  const exitCodes = toList(retry['exit-codes']);
  const when: RetryWhen[] = retry.when !== undefined ? [...new Set(toList(retry.when))] : exitCodes.length > 0 ? [] : ['always'];
  return { max: retry.max, when, exitCodes };
}

export function compileConcurrency(value: JobInput['concurrency'], sub: Substitute): ConcurrencySpec | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return { group: sub(value), cancelInProgress: false };
  return { group: sub(value.group), cancelInProgress: value['cancel-in-progress'] ?? false };
}

export function compileEnvironment(value: JobInput['environment'], sub: Substitute): EnvironmentSpec | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return { name: sub(value) };
  return value.url === undefined ? { name: sub(value.name) } : { name: sub(value.name), url: sub(value.url) };
}

export function compileCache(value: JobInput['cache'], sub: Substitute): CacheSpec | undefined {
  if (value === undefined) return undefined;
  return {
    key: sub(value.key ?? 'default'),
    restoreKeys: toList(value['restore-keys']).map(sub),
    paths: toList(value.paths).map(sub),
    policy: value.policy ?? 'pull-push',
  };
}

/** Artifacts are named after the job by default (`<key>`, then `<key>-2` ... in a list); names must differ. */
export function compileArtifacts(key: string, value: JobInput['artifacts'], sub: Substitute, ctx: CompileContext): ArtifactSpec[] {
  const list = toList(value);
  const seen = new Set<string>();
  return list.map((artifact, i) => {
    const name = artifact.name ?? (i === 0 ? key : `${key}-${i + 1}`);
    if (seen.has(name)) {
      const path: TreePath = Array.isArray(value) ? ['jobs', key, 'artifacts', i, 'name'] : ['jobs', key, 'artifacts', 'name'];
      ctx.report('ERR_PIPELINE_DUPLICATE_NAME', `job "${key}" has two artifacts named "${name}"`, path);
    }
    seen.add(name);
    const spec: ArtifactSpec = {
      name,
      paths: toList(artifact.paths).map(sub),
      exclude: toList(artifact.exclude).map(sub),
      when: artifact.when ?? 'success',
    };
    const expiry = artifact['expire-in'];
    const expireInMs = expiry === undefined || expiry === 'never' ? undefined : parseDuration(expiry);
    if (expireInMs !== undefined) spec.expireInMs = expireInMs;
    return spec;
  });
}

/** Services by name; a name defaults to the image's last path segment without tag (`bitnami/redis:7` -> `redis`). */
export function compileServices(key: string, value: JobInput['services'], sub: Substitute, ctx: CompileContext): ServiceSpec[] {
  if (value === undefined) return [];
  type ServiceInput = Exclude<NonNullable<JobInput['services']>, unknown[]>[string];
  const entries: { name?: string; spec: ServiceInput | { name?: string; image: string }; path: TreePath }[] = Array.isArray(value)
    ? value.map((s, i) => ({ ...(typeof s === 'object' && s.name ? { name: s.name } : {}), spec: s, path: ['jobs', key, 'services', i] }))
    : Object.entries(value).map(([name, s]) => ({ name, spec: s, path: ['jobs', key, 'services', name] }));
  const seen = new Set<string>();
  return entries.map(({ name, spec, path }) => {
    const service = typeof spec === 'string' ? { image: spec } : spec;
    const image = sub(service.image);
    const serviceName = name ?? nameFromImage(image);
    if (seen.has(serviceName)) ctx.report('ERR_PIPELINE_DUPLICATE_NAME', `job "${key}" has two services named "${serviceName}"`, path);
    seen.add(serviceName);
    const env = 'env' in service ? service.env : undefined;
    const ports = 'ports' in service ? toList(service.ports).map(Number) : [];
    const command = 'command' in service ? service.command : undefined;
    const out: ServiceSpec = { name: serviceName, image, env: mapValues(env, (v) => sub(scalarText(v))), ports };
    if (command !== undefined) out.command = typeof command === 'string' ? sub(command).split(/\s+/).filter(Boolean) : command.map(sub);
    return out;
  });
}

function nameFromImage(image: string): string {
  const withoutDigest = image.split('@')[0] ?? image;
  const last = withoutDigest.split('/').pop() ?? withoutDigest;
  const name = (last.split(':')[0] ?? last).toLowerCase().replace(/[^a-z0-9_.-]+/g, '-');
  return name || 'service';
}

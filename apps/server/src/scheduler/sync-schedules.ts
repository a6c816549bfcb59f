import { compilePipeline } from '@ritmo/pipeline';
import { isRitmoError, type Clock } from '@ritmo/shared';
import type { Pipeline, Project, Schedule, Store } from '@ritmo/store';
import type { RepoMirror } from '../pipelines/create-repo-mirror.js';
import { loadPipelineText } from '../pipelines/load-pipeline-text.js';
import { DEFAULT_TIMEZONE, nextTick } from './cron-ticks.js';

export interface SyncDeps {
  store: Store;
  clock: Clock;
  mirror: RepoMirror;
  signal?: AbortSignal;
}

export interface SyncResult {
  /** `unchanged` when the pipeline has errors: its schedules stay as they were. */
  state: 'synced' | 'no-pipeline' | 'unchanged';
  pipeline: Pipeline | undefined;
  schedules: Schedule[];
}

async function allSchedules(store: Store, projectId: string): Promise<Schedule[]> {
  const out: Schedule[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.schedules.listSchedules({ projectId }, { limit: 500, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

async function deleteQuietly(store: Store, id: string): Promise<void> {
  await store.schedules.deleteSchedule(id).catch((e: unknown) => {
    if (!isRitmoError(e, 'ERR_STORE_NOT_FOUND')) throw e;
  });
}

/** The project's pipeline row, created or brought up to date with what was just read. */
async function savePipeline(store: Store, project: Project, fields: Pick<Pipeline, 'name' | 'path' | 'source' | 'plan' | 'ref' | 'sha'>): Promise<Pipeline> {
  const patch = { path: fields.path, source: fields.source, plan: fields.plan, ref: fields.ref, sha: fields.sha };
  const existing = await store.pipelines.findPipelineByName(project.id, fields.name);
  if (existing) return store.pipelines.updatePipeline(existing.id, patch);
  try {
    return await store.pipelines.createPipeline({ projectId: project.id, name: fields.name, ...patch });
  } catch (e: unknown) {
    // Another server created it at the same moment.
    if (!isRitmoError(e, 'ERR_STORE_ALREADY_EXISTS')) throw e;
    const found = await store.pipelines.findPipelineByName(project.id, fields.name);
    return found ? store.pipelines.updatePipeline(found.id, patch) : Promise.reject(e);
  }
}

/**
 * Makes the project's schedules match the `on.schedule` of its pipeline on the default branch: one
 * row per cron line, new lines due at their next tick, removed lines deleted, unchanged lines kept
 * with their next tick (so a sync never makes a schedule fire early or twice).
 */
export async function syncSchedules(deps: SyncDeps, project: Project): Promise<SyncResult> {
  const { store } = deps;
  const existing = await allSchedules(store, project.id);
  let source;
  try {
    source = await loadPipelineText(project, { ref: project.defaultBranch, ...(deps.signal ? { signal: deps.signal } : {}) }, deps.mirror);
  } catch (e: unknown) {
    if (!isRitmoError(e, 'ERR_API_PIPELINE_NOT_FOUND')) throw e;
    for (const s of existing) await deleteQuietly(store, s.id);
    return { state: 'no-pipeline', pipeline: undefined, schedules: [] };
  }
  const { plan } = compilePipeline(source.text, { file: source.file });
  if (!plan) return { state: 'unchanged', pipeline: undefined, schedules: existing };
  const pipeline = await savePipeline(store, project, {
    name: plan.name,
    path: source.source === 'repo' ? source.file : null,
    source: source.text,
    plan,
    ref: `refs/heads/${project.defaultBranch}`,
    sha: source.sha,
  });
  const now = deps.clock.now();
  const wanted = plan.on.schedule.map((s) => ({ cron: s.cron, timezone: s.timezone ?? DEFAULT_TIMEZONE, branch: project.defaultBranch }));
  const key = (s: { cron: string; timezone: string | null; branch: string | null }): string => JSON.stringify([s.cron, s.timezone, s.branch]);
  const wantedKeys = new Set(wanted.map(key));
  for (const s of existing) if (s.pipelineId !== pipeline.id || !wantedKeys.has(key(s))) await deleteQuietly(store, s.id);
  const schedules: Schedule[] = [];
  for (const line of wanted) {
    const next = nextTick(line.cron, line.timezone, now);
    if (next === undefined) continue;
    schedules.push(await store.schedules.ensureSchedule({ projectId: project.id, pipelineId: pipeline.id, ...line, nextRunAt: next }));
  }
  return { state: 'synced', pipeline, schedules };
}

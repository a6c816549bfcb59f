import type { LiveEvent } from '@ritmo/protocol';
import { isFinalStatus } from '@ritmo/pipeline';
import { RitmoError } from '@ritmo/shared';
import type { Store } from '@ritmo/store';
import { pipelineNameOf, toBuildDto } from '../dto/to-build-dto.js';
import { GLOBAL_TOPIC, type EventHub } from './event-hub.js';
import type { LiveSink } from './live-sink.js';

/** How far back a resuming global stream looks for builds it missed. */
const RESUME_BUILDS = 200;

function eventTime(e: LiveEvent): number {
  if (e.type === 'build.created') return Date.parse(e.build.createdAt);
  if (e.type === 'build.finished') return Date.parse(e.build.finishedAt ?? e.build.createdAt);
  return Date.now();
}

/** `g.<ms>`: the time of the last event the client saw. */
function parseGlobalId(id: string): number {
  const m = /^g\.(\d{1,15})$/.exec(id);
  if (!m) throw new RitmoError('ERR_API_VALIDATION', 'invalid Last-Event-ID for /api/v1/events', { suggestions: ['reconnect without Last-Event-ID'] });
  return Number(m[1]);
}

/**
 * The global stream: build.created and build.finished of every project `canSee` allows. A client
 * that resumes gets the builds created or finished after its last event (among the latest ones) first.
 */
export async function streamGlobal(
  deps: { store: Store; hub: EventHub },
  request: { canSee: (projectId: string) => boolean; lastEventId?: string },
  open: () => LiveSink,
): Promise<void> {
  const since = request.lastEventId === undefined ? undefined : parseGlobalId(request.lastEventId);
  const sink = open();
  const visible = (e: LiveEvent): boolean => (e.type === 'build.created' || e.type === 'build.finished') && request.canSee(e.build.projectId);
  const send = (e: LiveEvent): void => {
    if (visible(e)) sink.send(`g.${eventTime(e)}`, e);
  };
  const buffered: LiveEvent[] = [];
  let ready = false;
  const unsubscribe = deps.hub.subscribe(GLOBAL_TOPIC, (e) => (ready ? send(e) : buffered.push(e)));
  sink.signal.addEventListener('abort', unsubscribe, { once: true });

  if (since !== undefined) {
    const { items } = await deps.store.builds.listBuilds({}, { limit: RESUME_BUILDS });
    const missed: { at: number; event: LiveEvent }[] = [];
    for (const b of items) {
      const dto = toBuildDto(b, pipelineNameOf(b));
      if (b.createdAt > since) missed.push({ at: b.createdAt, event: { type: 'build.created', build: dto } });
      if (isFinalStatus(b.status) && b.finishedAt !== null && b.finishedAt > since) missed.push({ at: b.finishedAt, event: { type: 'build.finished', build: dto } });
    }
    for (const m of missed.sort((a, b) => a.at - b.at)) send(m.event);
  }
  ready = true;
  for (const e of buffered.splice(0)) send(e);
}

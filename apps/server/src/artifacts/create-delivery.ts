import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { toError, type Clock, type Logger } from '@ritmo/shared';
import type { Store } from '@ritmo/store';
import { sleep } from '../agent-api/run-lease-sweeper.js';
import { createBlobStore } from '../blobs/create-blob-store.js';
import type { ServerConfig } from '../config.js';
import { releaseDueDeployments } from '../deployments/release-due-deployments.js';
import type { Orchestrator } from '../orchestration/create-orchestrator.js';
import type { ArtifactDeps } from './artifact-deps.js';
import { sweepArtifacts } from './sweep-artifacts.js';

export interface DeliverySweep {
  deletedArtifacts: number;
  releasedDeployments: number;
}

/**
 * The CD half's resources: the blob store and what artifact and cache code needs, plus the sweeper
 * that enforces artifact retention and releases deployments whose wait timer ran out.
 */
export function createDelivery(deps: { config: ServerConfig; store: Store; clock: Clock; logger: Logger; orchestrator: Pick<Orchestrator, 'approveJob'>; shutdown: AbortSignal }) {
  const artifacts: ArtifactDeps = {
    store: deps.store,
    blobs: createBlobStore(deps.config.artifacts.blobStore, deps.config.dataDir),
    clock: deps.clock,
    logger: deps.logger,
    config: deps.config.artifacts,
    tmpDir: join(deps.config.dataDir, 'tmp'),
  };
  const stopper = new AbortController();
  const signal = AbortSignal.any([stopper.signal, deps.shutdown]);
  let loop: Promise<void> | undefined;
  const sweep = async (): Promise<DeliverySweep> => ({
    deletedArtifacts: await sweepArtifacts(artifacts, signal),
    releasedDeployments: await releaseDueDeployments({ store: deps.store, orchestrator: deps.orchestrator, clock: deps.clock, logger: deps.logger }),
  });
  return {
    artifacts,
    /** One pass now (the loop runs one every RITMO_DELIVERY_SWEEP_INTERVAL). */
    sweep,
    start(): void {
      loop ??= (async () => {
        while (!signal.aborted) {
          await sweep().catch((e: unknown) => deps.logger.error({ err: toError(e) }, 'delivery sweep failed'));
          await sleep(deps.config.artifacts.sweepIntervalMs, signal);
        }
      })();
    },
    async stop(): Promise<void> {
      stopper.abort();
      await loop;
    },
  };
}

export type Delivery = ReturnType<typeof createDelivery>;

/** Archive uploads reach their routes as the raw request stream (the routes bound and check it while reading). */
export function acceptArchiveBodies(app: FastifyInstance): void {
  app.addContentTypeParser(['application/gzip', 'application/x-gzip', 'application/octet-stream'], (_request, payload, done) => done(null, payload));
}

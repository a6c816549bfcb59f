import type { Clock, Logger } from '@ritmo/shared';
import type { Store } from '@ritmo/store';
import type { BlobStore } from '../blobs/blob-store.js';
import type { ArtifactConfig } from './artifact-config.js';

/** What artifact and cache code works with. */
export interface ArtifactDeps {
  store: Store;
  blobs: BlobStore;
  clock: Clock;
  logger: Logger;
  config: ArtifactConfig;
  /** Where uploads are spooled before they are checked and stored. */
  tmpDir: string;
}

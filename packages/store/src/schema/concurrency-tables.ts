import type { Millis } from './column-kinds.js';

/** Who holds a concurrency group now; a group nobody holds has no row. */
export interface ConcurrencyLocksTable {
  project_id: string;
  /** `build` or `job`. */
  scope: string;
  name: string;
  holder_id: string;
  build_id: string;
  acquired_at: Millis;
}

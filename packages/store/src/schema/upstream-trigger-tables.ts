import type { JsonText, Millis } from './column-kinds.js';

/** `project_id` is built when a build of `upstream_project_id` ends with one of `statuses`. */
export interface UpstreamTriggersTable {
  project_id: string;
  upstream_project_id: string;
  /** JSON array of build statuses (`success`, `failure`, `canceled`). */
  statuses: JsonText;
  /** JSON array of branch patterns the upstream build must be on, or null for any. */
  branches: JsonText | null;
  created_at: Millis;
  updated_at: Millis;
}

import type { Generated } from 'kysely';
import type { JsonText, Millis } from './column-kinds.js';

export interface ArtifactsTable {
  id: string;
  project_id: string;
  build_id: string;
  job_id: string | null;
  name: string;
  size: number;
  /** `sha256:<hex>` of the stored archive. */
  digest: string;
  /** JSON array of `{ path, size, digest }`. */
  files: JsonText;
  blob_key: string;
  promotion_level: string | null;
  created_at: Millis;
  expires_at: Millis | null;
}

export interface PromotionsTable {
  id: string;
  project_id: string;
  artifact_id: string;
  digest: string;
  from_level: string | null;
  to_level: string;
  status: string;
  actor: string | null;
  /** JSON array of `{ user, at }`. */
  approvals: JsonText;
  created_at: Millis;
  finished_at: Millis | null;
}

export interface EnvironmentsTable {
  id: string;
  project_id: string;
  name: string;
  url: string | null;
  /** JSON object: required reviewers, allowed branches, wait timer. */
  protection: JsonText;
  created_at: Millis;
  updated_at: Millis;
}

export interface DeploymentsTable {
  id: string;
  project_id: string;
  environment_id: string;
  artifact_id: string | null;
  artifact_digest: string | null;
  build_id: string | null;
  job_id: string | null;
  sha: string | null;
  actor: string | null;
  status: string;
  rollback_of: string | null;
  /** JSON array of `{ userId, username, at }` (migration 0009). */
  approvals: Generated<JsonText>;
  /** Why it waits or failed (migration 0009). */
  reason: string | null;
  created_at: Millis;
  started_at: Millis | null;
  finished_at: Millis | null;
}

export interface CachesTable {
  id: string;
  project_id: string;
  /** Trust level plus branch (`trusted:main`), so untrusted builds never write where trusted ones read. */
  scope: string;
  key: string;
  size: number;
  blob_key: string;
  created_at: Millis;
  last_used_at: Millis;
}

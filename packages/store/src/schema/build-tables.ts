import type { Bytes, Flag, JsonText, Millis } from './column-kinds.js';

export interface PipelinesTable {
  id: string;
  project_id: string;
  name: string;
  /** Path in the repository (`.ritmo.yml`), or null for a pipeline stored inline. */
  path: string | null;
  source: string;
  /** The compiled Plan as JSON, or null when the source does not compile. */
  plan: JsonText | null;
  ref: string | null;
  sha: string | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface BuildsTable {
  id: string;
  project_id: string;
  pipeline_id: string | null;
  number: number;
  status: string;
  event: string;
  ref: string | null;
  sha: string | null;
  branch: string | null;
  tag: string | null;
  actor: string | null;
  /** JSON object of manual inputs. */
  inputs: JsonText;
  trusted: Flag;
  /** The compiled Plan as JSON. */
  plan: JsonText;
  message: string | null;
  /** JSON object of trigger facts (pull request number, base branch, upstream build ...). */
  trigger: JsonText;
  concurrency_group: string | null;
  error: string | null;
  canceled_by: string | null;
  created_at: Millis;
  started_at: Millis | null;
  finished_at: Millis | null;
  updated_at: Millis;
  /** The maintainer who let this untrusted build's jobs receive secrets, and when. */
  secrets_approved_by: string | null;
  secrets_approved_at: Millis | null;
}

export interface JobsTable {
  id: string;
  build_id: string;
  plan_job_id: string;
  /** Order of the job in the plan (for display). */
  position: number;
  key: string;
  name: string;
  stage: string | null;
  status: string;
  priority: number;
  /** JSON array of plan job ids this job waits for. */
  needs: JsonText;
  /** JSON array of agent labels, sorted, so equal label sets compare equal. */
  runs_on: JsonText;
  /** The job's PlanJob as JSON. */
  plan_job: JsonText;
  attempt: number;
  agent_id: string | null;
  lease_token: string | null;
  lease_expires_at: Millis | null;
  claim_request_id: string | null;
  /** While running: when the first heartbeat must have come; a claimed job past it goes back to the queue. */
  first_heartbeat_deadline: Millis | null;
  /** While running: the last heartbeat; null until the first (the job is only claimed until then). */
  last_heartbeat_at: Millis | null;
  exit_code: number | null;
  /** Why the job ended the way it did (`agent-lost`, `timeout`, `needs-failed` ...). */
  reason: string | null;
  /** JSON object of job outputs. */
  outputs: JsonText;
  matrix_group: string | null;
  continue_on_error: Flag;
  concurrency_group: string | null;
  approved_by: string | null;
  created_at: Millis;
  queued_at: Millis | null;
  started_at: Millis | null;
  finished_at: Millis | null;
  updated_at: Millis;
}

export interface JobAttemptsTable {
  job_id: string;
  attempt: number;
  agent_id: string | null;
  status: string;
  exit_code: number | null;
  reason: string | null;
  started_at: Millis;
  finished_at: Millis | null;
  /** The claim request that created this attempt; unique per agent, so a replayed claim finds it. */
  claim_request_id: string | null;
  first_heartbeat_at: Millis | null;
}

export interface StepsTable {
  job_id: string;
  attempt: number;
  step_id: string;
  position: number;
  name: string;
  status: string;
  exit_code: number | null;
  started_at: Millis | null;
  finished_at: Millis | null;
}

export interface LogChunksTable {
  job_id: string;
  attempt: number;
  byte_offset: number;
  length: number;
  data: Bytes;
  created_at: Millis;
}

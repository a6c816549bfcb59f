import type { Bytes, Flag, JsonText, Millis } from './column-kinds.js';

export interface WebhookDeliveriesTable {
  id: string;
  project_id: string;
  provider: string;
  delivery_id: string | null;
  /**
   * The delivery id once the signature is verified, else null. The unique key is on this column, so a
   * forged request cannot claim the id of a real delivery that comes later.
   */
  dedupe_key: string | null;
  event: string | null;
  /** JSON object of the request headers that matter (signature headers redacted by the server). */
  headers: JsonText;
  body: Bytes | null;
  status: string;
  http_status: number;
  result: string | null;
  build_id: string | null;
  redelivery_of: string | null;
  received_at: Millis;
}

export interface SchedulesTable {
  id: string;
  project_id: string;
  pipeline_id: string;
  cron: string;
  timezone: string | null;
  branch: string | null;
  enabled: Flag;
  next_run_at: Millis;
  last_run_at: Millis | null;
  last_build_id: string | null;
  locked_by: string | null;
  lock_expires_at: Millis | null;
  created_at: Millis;
  updated_at: Millis;
}

import type { Flag, JsonText, Millis } from './column-kinds.js';

export interface AgentsTable {
  id: string;
  name: string;
  /** JSON array of labels (configured plus os, arch and executor), sorted. */
  labels: JsonText;
  capacity: number;
  version: string | null;
  status: string;
  draining: Flag;
  ephemeral: Flag;
  token_hash: string;
  registration_token_id: string | null;
  created_at: Millis;
  last_seen_at: Millis | null;
}

export interface AgentRegistrationTokensTable {
  id: string;
  name: string;
  token_hash: string;
  /** JSON array of labels every agent registered with this token gets. */
  labels: JsonText;
  created_by: string | null;
  created_at: Millis;
  expires_at: Millis | null;
  revoked_at: Millis | null;
  uses: number;
}

import type { Bytes, Flag, JsonText, Millis } from './column-kinds.js';

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string | null;
  is_admin: Flag;
  disabled: Flag;
  created_at: Millis;
  updated_at: Millis;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  /** The public start of the token, shown in listings and used to look it up. */
  prefix: string;
  token_hash: string;
  /** JSON array of scope strings. */
  scopes: JsonText;
  created_at: Millis;
  expires_at: Millis | null;
  last_used_at: Millis | null;
  revoked_at: Millis | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: Millis;
  expires_at: Millis;
  last_seen_at: Millis;
  ip: string | null;
  user_agent: string | null;
}

export interface ProjectsTable {
  id: string;
  name: string;
  repo_url: string | null;
  default_branch: string;
  /** JSON object of project settings (approval rules, auto-cancel, quotas ...). */
  settings: JsonText;
  /** Where the pipeline lives in the repository (`.ritmo.yml` when null). */
  pipeline_path: string | null;
  /** A pipeline stored in the project instead of the repository. */
  pipeline_yaml: string | null;
  trigger_token_hash: string | null;
  next_build_number: number;
  created_at: Millis;
  updated_at: Millis;
}

export interface ProjectMembersTable {
  project_id: string;
  user_id: string;
  role: string;
  created_at: Millis;
  updated_at: Millis;
}

export interface SecretsTable {
  id: string;
  project_id: string;
  name: string;
  ciphertext: Bytes;
  nonce: Bytes;
  /** Id of the key that encrypted the value (null for rows written before key ids existed). */
  key_id: string | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface AuditEventsTable {
  id: string;
  /** User id, agent id or `system`. */
  actor: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  project_id: string | null;
  request_id: string | null;
  details: JsonText;
  at: Millis;
}

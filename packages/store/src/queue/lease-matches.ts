import { sql, type Expression, type SqlBool } from 'kysely';
import type { LeaseRef } from './lease-ref.js';

/** WHERE part on `jobs`: the job still runs `ref`'s attempt under `ref`'s token (the fence). */
export function leaseMatches(ref: LeaseRef): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref('id')} = ${ref.jobId} and ${sql.ref('attempt')} = ${ref.attempt} and ${sql.ref('lease_token')} = ${ref.leaseToken} and ${sql.ref('status')} = 'running'`;
}

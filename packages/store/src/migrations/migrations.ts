import type { Migration } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.js';
import { identityMigration } from './0001-identity.js';
import { agentsMigration } from './0002-agents.js';
import { buildsMigration } from './0003-builds.js';
import { triggersMigration } from './0004-triggers.js';
import { deliveryMigration } from './0005-delivery.js';
import { queueMigration } from './0006-queue.js';
import { secretKeysMigration } from './0007-secret-keys.js';
import { triggerLinksMigration } from './0008-trigger-links.js';
import { deploymentApprovalsMigration } from './0009-deployment-approvals.js';
import { concurrencyLocksMigration } from './0010-concurrency-locks.js';
import { testCasesMigration } from './0011-test-cases.js';
import { columnTypes } from './column-types.js';

/** Every migration, by name; names sort in the order they run. Append only: never edit a released one. */
export function migrations(dialect: DialectName): Record<string, Migration> {
  const t = columnTypes(dialect);
  return {
    '0001_identity': identityMigration(t),
    '0002_agents': agentsMigration(t),
    '0003_builds': buildsMigration(t),
    '0004_triggers': triggersMigration(t),
    '0005_delivery': deliveryMigration(t),
    '0006_queue': queueMigration(t),
    '0007_secret_keys': secretKeysMigration(t),
    '0008_trigger_links': triggerLinksMigration(t),
    '0009_deployment_approvals': deploymentApprovalsMigration(t),
    '0010_concurrency_locks': concurrencyLocksMigration(t),
    '0011_test_cases': testCasesMigration(t),
  };
}

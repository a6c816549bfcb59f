// What other packages' tests import as `@ritmo/store/testing` (test-only; not part of the build).
export { STORE_KINDS, PG_ADMIN_URL, createTestDatabase, useTestStore, type StoreKind, type TestDatabase, type TestStore } from './test-stores.js';
export { createTestProject, testJobs, testPlan, testPlanJob, uniqueName } from './test-plan.js';

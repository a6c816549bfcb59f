import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources in tests (the `ritmo-source` export condition),
// so tests never depend on a stale dist/.
export default defineConfig({
  resolve: { conditions: ['ritmo-source', 'import', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['ritmo-source', 'node', 'default'], externalConditions: ['ritmo-source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'apps/web/src/**/*.test.tsx', 'tools/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

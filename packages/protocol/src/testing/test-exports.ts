// What other packages' tests import as `@ritmo/protocol/testing` (test-only; not part of the build).
export { hostileArchives, tarBytes, tarGz, type RawEntry } from './test-tar.js';

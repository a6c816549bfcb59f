export * from './archive-limits.js';
export * from './check-archive-path.js';
export * from './create-entry-checker.js';
export * from './create-tar-block-scanner.js';

/**
 * The dependency direction of DESIGN.md §2, as data. The lint rule `ritmo/dependency-direction` and the
 * package.json check both read this table.
 *
 * `allow`: workspace packages a package may import. `pure`: may not import Node built-ins (runs anywhere,
 * does no I/O of its own).
 */
export const dependencyRules = {
  '@ritmo/shared': { allow: [], pure: true },
  '@ritmo/pipeline': { allow: ['@ritmo/shared'], pure: true },
  '@ritmo/protocol': { allow: ['@ritmo/pipeline', '@ritmo/shared'], pure: true },
  '@ritmo/store': { allow: ['@ritmo/pipeline', '@ritmo/shared'], pure: false },
  '@ritmo/runner': { allow: ['@ritmo/pipeline', '@ritmo/shared'], pure: false },
  '@ritmo/client': { allow: ['@ritmo/protocol', '@ritmo/shared'], pure: true },
  '@ritmo/plugin-sdk': { allow: ['@ritmo/pipeline', '@ritmo/shared'], pure: false },
  '@ritmo/server': {
    allow: ['@ritmo/pipeline', '@ritmo/protocol', '@ritmo/store', '@ritmo/shared', '@ritmo/plugin-sdk'],
    pure: false,
  },
  '@ritmo/agent': { allow: ['@ritmo/runner', '@ritmo/protocol', '@ritmo/pipeline', '@ritmo/shared'], pure: false },
  '@ritmo/cli': { allow: ['@ritmo/client', '@ritmo/pipeline', '@ritmo/runner', '@ritmo/shared'], pure: false },
  '@ritmo/web': { allow: ['@ritmo/client'], pure: true },
};

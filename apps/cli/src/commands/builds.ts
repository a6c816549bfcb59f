import { Option, type Command } from 'commander';
import type { Build, BuildStatus, ListBuildsParams, Page } from '@ritmo/client';
import { RitmoError } from '@ritmo/shared';
import { parsePositiveInt } from '../args/parse-positive-int.js';
import type { ServerCliOptions } from '../api/server-options.js';
import type { CliDeps } from '../cli-deps.js';
import { exitCodes } from '../exit-codes.js';
import { createColors, shouldUseColor } from '../output/colors.js';
import { addServerOptions } from '../remote/add-server-options.js';
import { createNameResolver } from '../remote/create-name-resolver.js';
import { formatBuildsTable } from '../remote/format-builds-table.js';
import { listAll } from '../remote/list-all.js';
import { withRemote } from '../remote/with-remote.js';

const BUILD_STATUSES: readonly BuildStatus[] = ['queued', 'waiting', 'running', 'success', 'failure', 'canceled'];

export interface BuildsCliOptions extends ServerCliOptions {
  project?: string;
  status?: BuildStatus;
  branch?: string;
  /** Builds per page (1-200, default 20). */
  limit?: string;
  /** Continue after a previous page (its `nextCursor`). */
  cursor?: string;
  /** Every page. */
  all?: boolean;
  json?: boolean;
}

/**
 * `ritmo builds [--project P] [--status S] [--branch B] [--limit N] [--cursor C | --all] [--json]`:
 * builds newest first as a table, or `{items, nextCursor}` as JSON. When more pages exist, stderr
 * says how to get the next one.
 */
export function buildsCommand(options: BuildsCliOptions, deps: CliDeps): Promise<number> {
  return withRemote(options, deps, async ({ client }) => {
    const limit = options.limit === undefined ? 20 : parsePositiveInt(options.limit, '--limit');
    if (limit > 200) throw new RitmoError('ERR_CLI_USAGE', `--limit is at most 200, got ${limit}`, { suggestions: ['--all lists every build'] });
    if (options.all === true && (options.cursor !== undefined || options.limit !== undefined)) {
      throw new RitmoError('ERR_CLI_USAGE', '--all lists every page; it takes no --cursor or --limit');
    }
    const filter: ListBuildsParams = {
      ...(options.project === undefined ? {} : { project: options.project }),
      ...(options.status === undefined ? {} : { status: options.status }),
      ...(options.branch === undefined ? {} : { branch: options.branch }),
    };
    const page: Page<Build> =
      options.all === true
        ? { items: await listAll((p) => client.builds.list({ ...filter, ...p })), nextCursor: null }
        : await client.builds.list({ ...filter, limit, ...(options.cursor === undefined ? {} : { cursor: options.cursor }) });
    if (options.json === true) {
      deps.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
      return exitCodes.ok;
    }
    if (page.items.length === 0) {
      deps.stderr.write('no builds\n');
      return exitCodes.ok;
    }
    const names = createNameResolver(client);
    const rows = await Promise.all(page.items.map(async (build) => ({ build, project: await names.project(build.projectId), actor: await names.user(build.actor) })));
    deps.stdout.write(formatBuildsTable(rows, createColors(shouldUseColor(deps.stdout, deps.env)), Date.now()));
    if (page.nextCursor !== null) deps.stderr.write(`more builds: add --cursor ${page.nextCursor} (or --all)\n`);
    return exitCodes.ok;
  });
}

export function registerBuildsCommand(program: Command, deps: CliDeps, done: (code: number) => void): void {
  addServerOptions(
    program
      .command('builds')
      .description('list builds on the server, newest first')
      .option('--project <project>', 'only this project’s builds (name or id)')
      .addOption(new Option('--status <status>', 'only builds with this status').choices(BUILD_STATUSES))
      .option('--branch <branch>', 'only builds of this branch')
      .option('--limit <n>', 'builds per page, 1-200 (default 20)')
      .option('--cursor <cursor>', 'the next page, as the previous one named it')
      .option('--all', 'every page')
      .option('--json', 'print the page as JSON: {items, nextCursor}'),
  ).action(async (options: BuildsCliOptions) => done(await buildsCommand(options, deps)));
}

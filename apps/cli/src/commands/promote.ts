import type { Command } from 'commander';
import { createApiClient } from '../api/create-api-client.js';
import { createDeliveryApi } from '../api/delivery-api.js';
import { DEFAULT_SERVER_URL, serverOptions, type ServerCliOptions } from '../api/server-options.js';
import type { CliDeps } from '../cli-deps.js';
import { exitCodes } from '../exit-codes.js';
import { withCliErrors } from '../with-cli-errors.js';

export interface PromoteCliOptions extends ServerCliOptions {
  project: string;
  to: string;
  approve?: boolean;
  json?: boolean;
}

/** `ritmo promote DIGEST --project P --to LEVEL [--approve]`: promotes an artifact one level up, or approves that. */
export function promoteCommand(digest: string, options: PromoteCliOptions, deps: CliDeps): Promise<number> {
  return withCliErrors(deps, async () => {
    const api = createDeliveryApi(createApiClient({ ...serverOptions(options, deps.env), signal: deps.signal }));
    const promotion = options.approve === true ? await api.approvePromotion(options.project, digest, options.to) : await api.promote(options.project, digest, options.to);
    if (options.json === true) deps.stdout.write(`${JSON.stringify(promotion, null, 2)}\n`);
    else if (promotion.status === 'pending') deps.stderr.write(`approved promoting ${digest} to ${options.to} (${promotion.approvals.length} approval(s) so far)\n`);
    else deps.stderr.write(`promoted ${digest} from ${promotion.fromLevel ?? 'no level'} to ${promotion.toLevel}\n`);
    return exitCodes.ok;
  });
}

export function registerPromoteCommand(program: Command, deps: CliDeps, done: (code: number) => void): void {
  program
    .command('promote')
    .description('promote an artifact (by digest) to the next level: dev, then staging, then prod')
    .argument('<digest>', 'the artifact digest (sha256:…)')
    .requiredOption('--project <project>', 'the project (name or id)')
    .requiredOption('--to <level>', 'the level to promote to')
    .option('--approve', 'approve the promotion instead (levels may require approvals from others)')
    .option('--json', 'print the promotion as JSON')
    .option('--server <url>', `the server URL (default: RITMO_SERVER_URL, else ${DEFAULT_SERVER_URL})`)
    .option('--token <token>', 'an API token (default: RITMO_TOKEN)')
    .action(async (digest: string, options: PromoteCliOptions) => done(await promoteCommand(digest, options, deps)));
}

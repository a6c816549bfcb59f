import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { createApiClient } from '../api/create-api-client.js';
import { createDeliveryApi } from '../api/delivery-api.js';
import { downloadToFile } from '../api/download-to-file.js';
import { DEFAULT_SERVER_URL, serverOptions, type ServerCliOptions } from '../api/server-options.js';
import type { CliDeps } from '../cli-deps.js';
import { exitCodes } from '../exit-codes.js';
import { withCliErrors } from '../with-cli-errors.js';

export interface ArtifactsCliOptions extends ServerCliOptions {
  project?: string;
  build?: string;
  file?: string;
  output?: string;
  json?: boolean;
}

/** `ritmo artifacts list --project P [--build ID] [--json]`. */
export function artifactsListCommand(options: ArtifactsCliOptions & { project: string }, deps: CliDeps): Promise<number> {
  return withCliErrors(deps, async () => {
    const api = createDeliveryApi(createApiClient({ ...serverOptions(options, deps.env), signal: deps.signal }));
    const { items } = await api.listArtifacts(options.project, options.build ? { build: options.build } : {});
    if (options.json === true) {
      deps.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
      return exitCodes.ok;
    }
    deps.stdout.write('ID                              NAME                  LEVEL     SIZE        DIGEST\n');
    for (const a of items) deps.stdout.write(`${a.id.padEnd(32)}${a.name.padEnd(22)}${(a.promotionLevel ?? '-').padEnd(10)}${String(a.size).padEnd(12)}${a.digest}\n`);
    return exitCodes.ok;
  });
}

/** `ritmo artifacts download ID [--file PATH] [-o OUT]`: the archive (or one file of it), digest-verified. */
export function artifactsDownloadCommand(id: string, options: ArtifactsCliOptions, deps: CliDeps): Promise<number> {
  return withCliErrors(deps, async () => {
    const server = { ...serverOptions(options, deps.env), signal: deps.signal };
    const artifact = await createDeliveryApi(createApiClient(server)).getArtifact(id);
    const path = options.file === undefined ? `/api/v1/artifacts/${encodeURIComponent(id)}/archive` : `/api/v1/artifacts/${encodeURIComponent(id)}/file?path=${encodeURIComponent(options.file)}`;
    const fallback = options.file === undefined ? `${artifact.name.replace(/[^A-Za-z0-9._-]/g, '_')}.tar.gz` : basename(options.file);
    const out = resolve(deps.cwd, options.output ?? fallback);
    const { digest, size } = await downloadToFile(server, path, out);
    deps.stderr.write(`downloaded ${size} bytes to ${out} (${digest}, verified)\n`);
    return exitCodes.ok;
  });
}

/** Adds `ritmo artifacts list|download`. */
export function registerArtifactsCommands(program: Command, deps: CliDeps, done: (code: number) => void): void {
  const artifacts = program.command('artifacts').description('list and download the artifacts builds produced');
  const common = (command: Command): Command =>
    command.option('--server <url>', `the server URL (default: RITMO_SERVER_URL, else ${DEFAULT_SERVER_URL})`).option('--token <token>', 'an API token (default: RITMO_TOKEN)');
  common(artifacts.command('list').alias('ls').description('list a project’s artifacts, newest first'))
    .requiredOption('--project <project>', 'the project (name or id)')
    .option('--build <id>', 'only this build’s artifacts')
    .option('--json', 'print the list as JSON')
    .action(async (options: ArtifactsCliOptions & { project: string }) => done(await artifactsListCommand(options, deps)));
  common(artifacts.command('download').description('download an artifact as tar.gz, or one file of it; the sha256 is checked'))
    .argument('<id>', 'the artifact id')
    .option('--file <path>', 'only this file of the artifact')
    .option('-o, --output <file>', 'where to write it (default: <name>.tar.gz, or the file’s name)')
    .action(async (id: string, options: ArtifactsCliOptions) => done(await artifactsDownloadCommand(id, options, deps)));
}

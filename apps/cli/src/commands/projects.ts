import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { RitmoError, toError } from '@ritmo/shared';
import type { ServerCliOptions } from '../api/server-options.js';
import type { CliDeps } from '../cli-deps.js';
import { exitCodes } from '../exit-codes.js';
import { createColors, shouldUseColor } from '../output/colors.js';
import { addServerOptions } from '../remote/add-server-options.js';
import { formatProjectsTable } from '../remote/format-projects-table.js';
import { listAll } from '../remote/list-all.js';
import { withRemote } from '../remote/with-remote.js';

export interface ProjectsCliOptions extends ServerCliOptions {
  json?: boolean;
}

export interface ProjectsCreateCliOptions extends ProjectsCliOptions {
  repo?: string;
  /** A pipeline file whose YAML the project stores inline. */
  pipeline?: string;
  branch?: string;
}

/** `ritmo projects [--json]`: the projects you are a member of (all of them for site administrators). */
export function projectsCommand(options: ProjectsCliOptions, deps: CliDeps): Promise<number> {
  return withRemote(options, deps, async ({ client }) => {
    const projects = await listAll((page) => client.projects.list(page, deps.signal));
    if (options.json === true) deps.stdout.write(`${JSON.stringify(projects, null, 2)}\n`);
    else if (projects.length === 0) deps.stderr.write('no projects (create one with ritmo projects create NAME)\n');
    else deps.stdout.write(formatProjectsTable(projects, createColors(shouldUseColor(deps.stdout, deps.env)), Date.now()));
    return exitCodes.ok;
  });
}

async function readPipelineFile(file: string, cwd: string): Promise<string> {
  const path = resolve(cwd, file);
  try {
    return await readFile(path, 'utf8');
  } catch (e: unknown) {
    throw new RitmoError('ERR_CLI_PIPELINE_NOT_FOUND', `cannot read the pipeline file ${path}: ${toError(e).message}`, { cause: e });
  }
}

/** `ritmo projects create NAME [--repo URL] [--pipeline FILE] [--branch B]`: you become the project's admin. */
export function projectsCreateCommand(name: string, options: ProjectsCreateCliOptions, deps: CliDeps): Promise<number> {
  return withRemote(options, deps, async ({ client }) => {
    const pipeline = options.pipeline === undefined ? undefined : await readPipelineFile(options.pipeline, deps.cwd);
    const project = await client.projects.create({
      name,
      ...(options.repo === undefined ? {} : { repoUrl: options.repo }),
      ...(options.branch === undefined ? {} : { defaultBranch: options.branch }),
      ...(pipeline === undefined ? {} : { pipeline }),
    });
    if (options.json === true) deps.stdout.write(`${JSON.stringify(project, null, 2)}\n`);
    else deps.stderr.write(`created project ${project.name} (${project.id}); trigger a build with ritmo trigger ${project.name}\n`);
    return exitCodes.ok;
  });
}

/** Adds `ritmo projects` and `ritmo projects create`. */
export function registerProjectsCommands(program: Command, deps: CliDeps, done: (code: number) => void): void {
  const projects = addServerOptions(
    program.command('projects').description('list your projects on the server; create one').option('--json', 'print the projects as JSON'),
  ).action(async (options: ProjectsCliOptions) => done(await projectsCommand(options, deps)));
  addServerOptions(
    projects
      .command('create')
      .description('create a project; you become its admin')
      .argument('<name>', 'the project name (lowercase letters, digits, ".", "_" and "-")')
      .option('--repo <url>', 'the git repository builds check out')
      .option('--pipeline <file>', 'a pipeline file the project stores (it wins over the repository’s)')
      .option('--branch <branch>', 'the default branch (default: main)')
      .option('--json', 'print the project as JSON'),
  ).action(async (name: string, _options: ProjectsCreateCliOptions, command: Command) =>
    done(await projectsCreateCommand(name, command.optsWithGlobals<ProjectsCreateCliOptions>(), deps)),
  );
}

import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { RitmoError } from '@ritmo/shared';

/** A pipeline file: `path` is absolute; `display` is how it is named in output and diagnostics. */
export interface PipelineFile {
  path: string;
  display: string;
}

const DEFAULT_FILES = ['.ritmo.yml', '.ritmo.yaml'];
const DIRECTORY = '.ritmo';

/**
 * The files a command works on: the ones named on the command line (each must exist), else `.ritmo.yml`
 * in `cwd`, else every `.ritmo/*.yml` (sorted). Throws ERR_CLI_PIPELINE_NOT_FOUND when there is none.
 */
export async function findPipelineFiles(cwd: string, given: readonly string[]): Promise<PipelineFile[]> {
  if (given.length > 0) {
    const files: PipelineFile[] = [];
    for (const name of given) {
      const path = isAbsolute(name) ? name : resolve(cwd, name);
      if (!(await isFile(path))) {
        throw new RitmoError('ERR_CLI_PIPELINE_NOT_FOUND', `pipeline file not found: ${name}`, { details: { path } });
      }
      files.push({ path, display: name });
    }
    return files;
  }
  for (const name of DEFAULT_FILES) {
    const path = join(cwd, name);
    if (await isFile(path)) return [{ path, display: name }];
  }
  const found = await listYamlFiles(join(cwd, DIRECTORY));
  if (found.length === 0) {
    throw new RitmoError(
      'ERR_CLI_PIPELINE_NOT_FOUND',
      `no pipeline file found in ${cwd}: expected .ritmo.yml or .ritmo/*.yml`,
      { details: { cwd }, suggestions: ['create .ritmo.yml, or pass the file: ritmo run path/to/pipeline.yml'] },
    );
  }
  return found.map((name) => ({ path: join(cwd, DIRECTORY, name), display: `${DIRECTORY}/${name}` }));
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function listYamlFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const yaml = names.filter((n) => n.endsWith('.yml') || n.endsWith('.yaml')).sort();
  const files: string[] = [];
  for (const name of yaml) if (await isFile(join(dir, name))) files.push(name);
  return files;
}

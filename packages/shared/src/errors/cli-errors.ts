import type { ErrorSpec } from '../error-catalog.js';

/** Codes raised by the `ritmo` command line. */
export const cliErrors = {
  ERR_CLI_PIPELINE_NOT_FOUND: { status: 404, summary: 'No pipeline file was given and none was found (`.ritmo.yml` or `.ritmo/*.yml`), or the named file does not exist.' },
  ERR_CLI_PIPELINE_AMBIGUOUS: { status: 400, summary: 'Several `.ritmo/*.yml` files exist and none was chosen; name one on the command line.' },
  ERR_CLI_PIPELINE_INVALID: { status: 422, summary: 'The pipeline has errors (printed as diagnostics), so it cannot be planned or run.' },
  ERR_CLI_USAGE: { status: 400, summary: 'A command-line argument or option is missing or malformed (e.g. `--input` without `=`).' },
  ERR_CLI_JOB_NOT_FOUND: { status: 404, summary: '`--job` names no job of the pipeline or of the build (by key, id or name), or several jobs share that name.' },
  ERR_CLI_INPUT_INVALID: { status: 400, summary: 'A `--input` value is unknown, missing or does not fit the manual input\'s type.' },
  ERR_CLI_APP_NOT_BUILT: { status: 500, summary: 'The server or agent entry the CLI starts is missing; build with `npm run build`.' },
  ERR_CLI_SERVER_UNREACHABLE: { status: 503, summary: 'The CLI could not reach the Ritmo server at --server (or RITMO_SERVER_URL): connection refused, reset or timed out.' },
  ERR_CLI_SERVER_RESPONSE: { status: 502, summary: 'The server answered the CLI with something other than the API’s JSON (a proxy page, or not a Ritmo server at that URL).' },
  ERR_CLI_AGENT_NOT_FOUND: { status: 404, summary: '`ritmo agents drain` names no registered agent (by name or id).' },
  ERR_CLI_AGENT_AMBIGUOUS: { status: 400, summary: 'Several agents have the name given to `ritmo agents drain`; name one by its id.' },
} as const satisfies Record<string, ErrorSpec>;

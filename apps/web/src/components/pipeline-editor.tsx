import { useMutation } from '@tanstack/react-query';
import type { Diagnostic } from '@ritmo/client';
import { useRitmo } from '../lib/ritmo-context';
import { ErrorBox } from './error-box';

/** A pipeline YAML text area with a Check button that shows the server's diagnostics. */
export function PipelineEditor({ id, value, onChange }: { id: string; value: string; onChange(value: string): void }) {
  const client = useRitmo();
  const check = useMutation({
    mutationFn: () => client.http.json<{ valid: boolean; diagnostics: Diagnostic[]; jobs: { id: string }[] }>('POST', '/api/v1/pipelines/validate', { body: { pipeline: value } }),
  });
  return (
    <div>
      <label htmlFor={id} className="label">
        Pipeline (YAML, stored in the project; leave empty to read <code>.ritmo.yml</code> from the repository)
      </label>
      <textarea id={id} className="input h-56 font-mono text-xs" spellCheck={false} value={value} onChange={(e) => onChange(e.target.value)} />
      <div className="mt-2 flex items-center gap-3">
        <button type="button" className="btn" disabled={!value.trim() || check.isPending} onClick={() => check.mutate()}>
          Check pipeline
        </button>
        {check.data ? (
          <span role="status" className="text-sm">
            {check.data.valid ? `Valid: ${check.data.jobs.length} job(s)` : `${check.data.diagnostics.length} problem(s)`}
          </span>
        ) : null}
      </div>
      {check.error ? <ErrorBox error={check.error} /> : null}
      {check.data && check.data.diagnostics.length > 0 ? (
        <ul className="mt-2 space-y-1 text-sm">
          {check.data.diagnostics.map((d, i) => (
            <li key={i} className={d.severity === 'error' ? 'text-red-700 dark:text-red-300' : 'text-amber-700 dark:text-amber-300'}>
              <code>
                {d.line}:{d.column}
              </code>{' '}
              {d.severity} <code>{d.code}</code> {d.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

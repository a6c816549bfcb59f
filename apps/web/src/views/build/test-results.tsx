import { useQuery } from '@tanstack/react-query';
import { isFinalStatus, type BuildDetail } from '@ritmo/client';
import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { NotAvailable } from '../../components/not-available';
import { formatMs } from '../../lib/format';
import { useRitmo } from '../../lib/ritmo-context';
import { useFeatures } from '../../lib/use-features';

/** The build's test results from its JUnit reports: counts, and each failed test with its message. */
export function TestResults({ build }: { build: Pick<BuildDetail, 'id' | 'status'> }) {
  const features = useFeatures();
  if (features.loading) return null;
  if (!features.has('testReports')) {
    return (
      <details className="card text-sm">
        <summary className="cursor-pointer">Test results</summary>
        <div className="mt-2"><NotAvailable feature="Test results from JUnit reports" /></div>
      </details>
    );
  }
  return <TestResultsCard build={build} />;
}

function TestResultsCard({ build }: { build: Pick<BuildDetail, 'id' | 'status'> }) {
  const client = useRitmo();
  const final = isFinalStatus(build.status);
  const tests = useQuery({
    queryKey: ['build-tests', build.id, final],
    queryFn: ({ signal }) => client.tests.build(build.id, signal),
    // Reports arrive as jobs finish; ask again while the build runs.
    refetchInterval: final ? false : 10_000,
  });
  return (
    <section aria-labelledby="tests-h" className="card space-y-2 text-sm" data-testid="test-results">
      <h2 id="tests-h" className="font-semibold">Test results</h2>
      {tests.isPending ? <Loading /> : tests.error ? <ErrorBox error={tests.error} /> : !tests.data.reported ? (
        <p className="muted">No test reports{final ? '' : ' yet'}. Jobs upload JUnit XML files named by <code>reports: junit:</code> in the pipeline.</p>
      ) : (
        <>
          <p data-testid="test-counts">
            <span className="font-medium text-green-700 dark:text-green-400">{tests.data.passed} passed</span>
            {' · '}
            <span className="font-medium text-red-700 dark:text-red-400">{tests.data.failed} failed</span>
            {' · '}
            <span className="muted">{tests.data.skipped} skipped</span>
            {' · '}
            <span className="muted">{tests.data.total} tests in {formatMs(tests.data.durationMs)}</span>
          </p>
          {tests.data.failures.length > 0 ? (
            <ul className="space-y-2" aria-label="Failed tests">
              {tests.data.failures.map((f, i) => (
                <li key={`${f.job}:${f.suite}:${f.classname}:${f.name}:${i}`} className="rounded border border-red-200 p-2 dark:border-red-900" data-testid="failed-test">
                  <p className="font-mono text-xs">
                    <span className="font-semibold">{f.name}</span>
                    <span className="muted"> · {f.classname || f.suite} · {f.job}{f.status === 'error' ? ' · error' : ''}</span>
                  </p>
                  {f.message ? <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-words text-xs">{f.message}</pre> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}

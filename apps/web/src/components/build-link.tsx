import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useRitmo } from '../lib/ritmo-context';

/** `#12` linking to a build, looked up by id (shares the build view's cache). */
export function BuildLink({ buildId, number }: { buildId: string; number?: number | null }) {
  const client = useRitmo();
  const build = useQuery({ queryKey: ['build', buildId], queryFn: ({ signal }) => client.builds.get(buildId, signal), enabled: number == null });
  const n = number ?? build.data?.number;
  return (
    <Link className="link" to={`/builds/${buildId}`}>
      {n == null ? 'build' : `#${n}`}
    </Link>
  );
}

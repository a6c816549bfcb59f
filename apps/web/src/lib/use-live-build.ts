import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { isFinalStatus, type BuildDetail, type LiveState } from '@ritmo/client';
import { applyLiveEvent } from './apply-live-event';
import { useRitmo } from './ritmo-context';

/**
 * A build with its jobs and steps, kept current by the build's live events (no polling). The stream
 * is open while the build is not finished; a retry that makes it run again opens it again.
 */
export function useLiveBuild(id: string) {
  const client = useRitmo();
  const queryClient = useQueryClient();
  const key = ['build', id];
  const query = useQuery({ queryKey: key, queryFn: ({ signal }) => client.builds.get(id, signal) });
  const [live, setLive] = useState<LiveState | 'off'>('off');
  const running = query.data !== undefined && !isFinalStatus(query.data.status);
  useEffect(() => {
    if (!running) return;
    const stream = client.live.build(id, { logs: 'none' }, {
      onState: setLive,
      onEvent: (event) => {
        queryClient.setQueryData<BuildDetail>(['build', id], (old) => (old ? applyLiveEvent(old, event) : old));
        if (event.type === 'build.finished') {
          void queryClient.invalidateQueries({ queryKey: ['builds'] });
          void queryClient.invalidateQueries({ queryKey: ['build', id] });
        }
      },
      onError: () => setLive('closed'),
    });
    return () => stream.close();
  }, [client, queryClient, id, running]);
  return { ...query, live };
}

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { LiveState } from '@ritmo/client';
import { useRitmo } from './ritmo-context';

/**
 * Follows everyone's build.created and build.finished events while the app is open and refreshes the
 * lists they change. This is how lists stay current: no timers.
 */
export function useGlobalLive(enabled: boolean): LiveState | 'off' {
  const client = useRitmo();
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState | 'off'>('off');
  useEffect(() => {
    if (!enabled) return;
    const stream = client.live.global({
      onState: setState,
      onEvent: (event) => {
        if (event.type !== 'build.created' && event.type !== 'build.finished') return;
        void queryClient.invalidateQueries({ queryKey: ['builds'] });
        void queryClient.invalidateQueries({ queryKey: ['agents'] });
        // New artifacts and deployments come from builds (deploy jobs are builds too).
        void queryClient.invalidateQueries({ queryKey: ['artifacts'] });
        void queryClient.invalidateQueries({ queryKey: ['environments'] });
        void queryClient.invalidateQueries({ queryKey: ['deployments'] });
        if (event.type === 'build.finished') void queryClient.invalidateQueries({ queryKey: ['build', event.build.id] });
      },
    });
    return () => stream.close();
  }, [client, queryClient, enabled]);
  return state;
}

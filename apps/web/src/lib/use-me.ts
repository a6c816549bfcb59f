import { useQuery } from '@tanstack/react-query';
import { useRitmo } from './ritmo-context';

/** The signed-in user (a 401 means nobody is). */
export function useMe() {
  const client = useRitmo();
  return useQuery({ queryKey: ['me'], queryFn: ({ signal }) => client.account.me(signal), retry: false, staleTime: 60_000 });
}

import { createContext, useContext, type ReactNode } from 'react';
import type { RitmoClient } from '@ritmo/client';

const RitmoContext = createContext<RitmoClient | undefined>(undefined);

/** Hands the API client to every view (one client per app, made by the caller: no global). */
export function RitmoProvider({ client, children }: { client: RitmoClient; children: ReactNode }) {
  return <RitmoContext.Provider value={client}>{children}</RitmoContext.Provider>;
}

export function useRitmo(): RitmoClient {
  const client = useContext(RitmoContext);
  if (!client) throw new Error('useRitmo outside RitmoProvider');
  return client;
}

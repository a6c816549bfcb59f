import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { isRitmoApiError, type RitmoClient } from '@ritmo/client';
import { Layout } from './components/layout';
import { RitmoProvider } from './lib/ritmo-context';
import { AgentsView } from './views/agents-view';
import { AnalyticsView } from './views/analytics-view';
import { ArtifactsView } from './views/artifacts-view';
import { BuildView } from './views/build-view';
import { BuildsView } from './views/builds-view';
import { DeploymentsView } from './views/deployments-view';
import { LoginView } from './views/login-view';
import { NotFoundView } from './views/not-found-view';
import { OverviewView } from './views/overview-view';
import { PluginsView } from './views/plugins-view';
import { ProjectView } from './views/project-view';
import { ProjectsView } from './views/projects-view';
import { SettingsView } from './views/settings-view';

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Live events refresh what changes; nothing refetches on a timer or on focus.
        refetchOnWindowFocus: false,
        staleTime: 30_000,
        retry: (count, error) => !(isRitmoApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
}

/** The whole UI: data layer, router and views. `client` talks to the server. */
export function App({ client }: { client: RitmoClient }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <RitmoProvider client={client}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={<LoginView />} />
            <Route element={<Layout />}>
              <Route index element={<OverviewView />} />
              <Route path="projects" element={<ProjectsView />} />
              <Route path="projects/:project/*" element={<ProjectView />} />
              <Route path="builds" element={<BuildsView />} />
              <Route path="builds/:id" element={<BuildView />} />
              <Route path="builds/:id/jobs/:jobId" element={<BuildView />} />
              <Route path="agents" element={<AgentsView />} />
              <Route path="artifacts" element={<ArtifactsView />} />
              <Route path="deployments" element={<DeploymentsView />} />
              <Route path="analytics" element={<AnalyticsView />} />
              <Route path="plugins" element={<PluginsView />} />
              <Route path="settings" element={<SettingsView />} />
              <Route path="*" element={<NotFoundView />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </RitmoProvider>
  );
}

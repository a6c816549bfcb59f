// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { Artifact, DeliverySettings, Promotion } from '@ritmo/client';
import { renderWithApi, type ApiHandler } from '../testing/render-with-api';
import { ArtifactsView } from './artifacts-view';

afterEach(cleanup);

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const artifact = (id: string, name: string, level: string | null, d: string): Artifact => ({
  id, projectId: 'p_1', buildId: 'b_1', jobId: 'j_1', name, size: 3 * 1024 * 1024, digest: d, fileCount: 4, promotionLevel: level,
  createdAt: '2026-11-23T10:00:00.000Z', expiresAt: level === null ? '2026-12-23T10:00:00.000Z' : null,
});
const artifacts = { items: [artifact('a_2', 'dist', null, digest('b')), artifact('a_1', 'site', 'staging', digest('a'))], nextCursor: null };
const delivery: DeliverySettings = {
  protectedBranches: ['main'],
  promotionLevels: ['dev', 'staging', 'prod'].map((name) => ({ name, role: 'maintainer' as const, approvals: name === 'prod' ? 2 : 0, protectedBranchOnly: true })),
};
const routes = {
  '/api/v1/projects': { items: [{ id: 'p_1', name: 'web' }], nextCursor: null },
  '/api/v1/projects/web/artifacts': artifacts,
  '/api/v1/projects/web/delivery': delivery,
  '/api/v1/builds/b_1': { id: 'b_1', number: 7 },
};
const promotion = (to: string): Promotion => ({ id: 'pr_1', artifactId: 'a_2', digest: digest('b'), fromLevel: null, toLevel: to, status: 'promoted', actor: 'ann', approvals: [], createdAt: '2026-11-23T11:00:00.000Z', finishedAt: '2026-11-23T11:00:00.000Z' });
const refusal = { error: 'ERR_DEPLOY_APPROVALS_MISSING', message: 'promoting to prod takes 2 approvals, it has 0', details: null, suggestions: ['ask a maintainer to approve'], timestamp: '2026-11-23T11:00:00.000Z' };

const handle: ApiHandler = ({ method, path, body }) => {
  if (method !== 'POST' || path !== '/api/v1/projects/web/promotions') return undefined;
  const to = (body as { to: string }).to;
  return to === 'prod' ? { status: 409, body: refusal } : { status: 201, body: promotion(to) };
};

function renderView() {
  return renderWithApi(<MemoryRouter><ArtifactsView /></MemoryRouter>, { paths: ['/api/v1/projects/{project}/artifacts'], routes, handle });
}

describe('ArtifactsView', () => {
  it('lists the chosen project’s artifacts with build, digest, size, level, expiry and a download link', async () => {
    const { requested } = renderView();
    const rows = await screen.findAllByTestId('artifact');
    expect(rows).toHaveLength(2);
    await waitFor(() => expect(within(rows[0]!).getByRole('link', { name: '#7' })).toBeTruthy());
    expect(rows[0]!.textContent).toContain('dist');
    expect(rows[0]!.textContent).toContain('bbbbbbbbbbbb');
    expect(rows[0]!.textContent).toContain('3.0 MiB');
    expect(rows[0]!.textContent).toContain('none');
    expect(rows[0]!.textContent).toContain('2026-12-23');
    expect(rows[1]!.textContent).toContain('staging');
    expect(rows[1]!.textContent).toContain('kept');
    const download = within(rows[0]!).getByRole('link', { name: /^Download/ });
    expect(download.getAttribute('href')).toBe('http://ritmo.test/api/v1/artifacts/a_2/archive');
    expect(requested).toContain('/api/v1/projects/web/artifacts?limit=200');
  });

  it('promotes an artifact to the next level through the promotions route', async () => {
    const { calls } = renderView();
    const rows = await screen.findAllByTestId('artifact');
    fireEvent.click(within(rows[0]!).getByRole('button', { name: /^Promote to dev/ }));
    expect((await screen.findByRole('status')).textContent).toBe('Promoted bbbbbbbbbbbb to dev.');
    expect(calls).toContain(`POST /api/v1/projects/web/promotions {"digest":"${digest('b')}","to":"dev"}`);
  });

  it('shows the server’s refusal when a promotion lacks approvals', async () => {
    renderView();
    const rows = await screen.findAllByTestId('artifact');
    fireEvent.click(within(rows[1]!).getByRole('button', { name: /^Promote to prod/ }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('promoting to prod takes 2 approvals, it has 0');
    expect(alert.textContent).toContain('ERR_DEPLOY_APPROVALS_MISSING');
    expect(alert.textContent).toContain('ask a maintainer to approve');
  });

  it('says artifacts are not available when the server has no artifact routes', async () => {
    const { requested } = renderWithApi(<MemoryRouter><ArtifactsView /></MemoryRouter>, { paths: ['/api/v1/builds'], routes });
    expect((await screen.findByTestId('not-available')).textContent).toContain('Artifacts');
    expect(requested.some((r) => r.includes('/artifacts'))).toBe(false);
  });
});

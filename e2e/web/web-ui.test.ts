import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchBrowser, screenshot, seriousViolations } from './browser.js';
import { BIG_LOG_PIPELINE, DAG_PIPELINE, flakyPipeline, REPO_PIPELINE, SLOW_PIPELINE } from './pipelines.js';
import { ADMIN_PASSWORD, paths, startStack, type Stack } from './start-stack.js';

const ready = existsSync(CHROMIUM) && existsSync(paths.server) && existsSync(paths.agent) && existsSync(join(paths.web, 'index.html'));
if (!ready && process.env.CI) throw new Error('the browser tests need /usr/bin/chromium and built apps (npm run build)');

interface BuildDto {
  id: string;
  status: string;
  jobs: { id: string; name: string; status: string }[];
}

describe.skipIf(!ready)('the web UI in Chromium against a real server and agent', () => {
  let stack: Stack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let work: string;
  const violations: Record<string, unknown[]> = {};

  /** Every view is checked with axe-core and photographed. */
  const check = async (name: string): Promise<void> => {
    // Views settle when nothing says "Loading…" any more (live streams keep the network busy for good).
    await page.waitForFunction(() => !document.body.innerText.includes('Loading…') && !document.body.innerText.includes('Checking the agents'), undefined, { timeout: 15_000 });
    violations[name] = await seriousViolations(page);
    expect(violations[name], `axe: serious or critical violations on ${name}`).toEqual([]);
    await screenshot(page, name);
  };
  const waitBuild = async (id: string, done: (b: BuildDto) => boolean, timeoutMs = 60_000): Promise<BuildDto> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const b = await stack.api<BuildDto>('GET', `/api/v1/builds/${id}`);
      if (done(b)) return b;
      if (Date.now() > deadline) throw new Error(`build ${id} is still ${b.status}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ritmo-e2e-web-work-'));
    stack = await startStack();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('signs in with the keyboard', async () => {
    await page.goto(`${stack.url}/`);
    await page.waitForURL(/\/login/);
    await check('login');
    // The username field has focus: type, Tab to the password, Enter submits.
    await page.keyboard.type('admin');
    await page.keyboard.press('Tab');
    await page.keyboard.type(ADMIN_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    // The first Tab reaches the skip link, which moves focus to the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.getByText('Live updates: connected').waitFor();
    await check('overview');
  }, 60_000);

  it('creates a project with an inline pipeline, builds it and watches the graph turn green live', async () => {
    await page.getByRole('link', { name: 'Projects', exact: true }).click();
    await page.getByRole('button', { name: 'New project' }).click();
    await page.getByLabel('Name').fill('webapp');
    await page.getByLabel(/^Pipeline/).fill(DAG_PIPELINE);
    await page.getByRole('button', { name: 'Check pipeline' }).click();
    await page.getByText('Valid: 6 job(s)').waitFor();
    await check('project-create');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'webapp' }).waitFor();
    await check('project');

    await page.getByRole('button', { name: 'Run build' }).click();
    await page.waitForURL(/\/builds\/[^/]+$/);
    const nodes = page.getByTestId('dag-node');
    await nodes.first().waitFor();
    // Matrix cells are folded into one node: build, test (3 jobs), lint, deploy.
    expect(await nodes.count()).toBe(4);
    const before = await nodes.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(before.every((s) => s === 'success')).toBe(false);
    const navigations: string[] = [];
    page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()));
    await page.waitForFunction(() => {
      const all = [...document.querySelectorAll('[data-testid="dag-node"]')];
      return all.length === 4 && all.every((e) => e.getAttribute('data-status') === 'success');
    }, undefined, { timeout: 60_000 });
    // Green through live events: the page never reloaded.
    expect(navigations).toEqual([]);
    await page.locator('h1 [data-status="success"]').waitFor();
    // Unfold the matrix group to see its cells.
    await page.getByRole('button', { name: /^test: 3 jobs/ }).click();
    expect(await nodes.count()).toBe(6);
    await page.getByRole('button', { name: 'test (shard: 2): success' }).click();
    await page.getByTestId('log-viewer').getByText('shard 2', { exact: true }).waitFor();
    await check('build');
  }, 120_000);

  it('creates a project on a local git repository and builds its .ritmo.yml', async () => {
    const source = join(work, 'source');
    const bare = join(work, 'repo.git');
    const git = (args: string[], cwd: string) => execFileSync('git', args, { cwd, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 'e2e', GIT_AUTHOR_EMAIL: 'e2e@ritmo.invalid', GIT_COMMITTER_NAME: 'e2e', GIT_COMMITTER_EMAIL: 'e2e@ritmo.invalid' } });
    execFileSync('mkdir', ['-p', source]);
    git(['init', '-q', '-b', 'main'], source);
    writeFileSync(join(source, '.ritmo.yml'), REPO_PIPELINE);
    writeFileSync(join(source, 'README.md'), 'hello from the git repository\n');
    git(['add', '.'], source);
    git(['commit', '-q', '-m', 'first'], source);
    git(['clone', '-q', '--bare', source, bare], work);

    await page.getByRole('link', { name: 'Projects', exact: true }).click();
    await page.getByRole('button', { name: 'New project' }).click();
    await page.getByLabel('Name').fill('from-git');
    await page.getByLabel('Repository URL (optional)').fill(`file://${bare}`);
    await page.getByLabel(/^Pipeline/).fill('');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'from-git' }).waitFor();
    await page.getByRole('button', { name: 'Run build' }).click();
    await page.waitForURL(/\/builds\/[^/]+$/);
    await page.getByRole('button', { name: /^hello: / }).click();
    await page.getByTestId('log-viewer').getByText('hello from the git repository').waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="dag-node"]')?.getAttribute('data-status') === 'success', undefined, { timeout: 30_000 });
  }, 120_000);

  it('opens a 1,000,000-line log: the last line shows fast, scrolling stays bounded, jumps and searches work', async () => {
    await stack.api('POST', '/api/v1/projects', { name: 'big', pipeline: BIG_LOG_PIPELINE });
    const build = await stack.api<BuildDto>('POST', '/api/v1/projects/big/builds', {});
    const done = await waitBuild(build.id, (b) => b.status === 'success', 120_000);
    const job = done.jobs[0];
    if (!job) throw new Error('no job');

    const logPage = await context.newPage();
    const cdp = await context.newCDPSession(logPage);
    await cdp.send('Performance.enable');
    const started = Date.now();
    await logPage.goto(`${stack.url}/builds/${build.id}/jobs/${job.id}`);
    const viewer = logPage.getByTestId('log-viewer');
    await viewer.getByText('Step "print a million lines" success').waitFor({ timeout: 30_000 });
    const lastLineMs = Date.now() - started;
    await logPage.getByTestId('log-status').getByText(/ lines · complete$/).waitFor({ timeout: 60_000 });
    await logPage.waitForFunction(() => !document.querySelector('[data-testid="log-status"]')?.textContent?.includes('loading earlier'));
    const total = Number(((await logPage.getByTestId('log-status').textContent()) ?? '').replace(/[^0-9]/g, ''));
    // The step's million lines plus the runner's lines around them.
    expect(total).toBeGreaterThanOrEqual(1_000_002);
    expect(total).toBeLessThan(1_000_020);
    const rowsInDom = () => viewer.locator('[data-row]').count();
    expect(await rowsInDom()).toBeLessThan(150);

    // Jump to the start and back to the end; scroll through the middle.
    await logPage.getByRole('button', { name: 'Jump to start' }).click();
    await viewer.locator('[data-line="2"]').getByText('line 1', { exact: true }).waitFor();
    for (const fraction of [0.1, 0.5, 0.9]) {
      await viewer.evaluate((el, f) => {
        el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
      }, fraction);
      await logPage.waitForFunction(({ f, lines }) => {
        const first = document.querySelector('[data-testid="log-viewer"] [data-row]');
        const line = Number(first?.getAttribute('data-line'));
        return Math.abs(line - lines * f) < 2000;
      }, { f: fraction, lines: total });
      expect(await rowsInDom()).toBeLessThan(150);
    }
    await logPage.getByRole('button', { name: 'Jump to end' }).click();
    await viewer.getByText('Step "print a million lines" success').waitFor();
    await viewer.getByText('line 1000000 ok').waitFor();
    // ANSI green, as the step printed it.
    expect(await viewer.getByText('line 1000000 ok').evaluate((el) => el.closest('span[style]')?.getAttribute('style'))).toContain('var(--ansi-2)');

    // Search the whole log on the server and jump to the match.
    await logPage.getByLabel('Search the whole log').fill('needle-777777');
    await logPage.getByRole('button', { name: 'Search', exact: true }).click();
    await logPage.getByTestId('search-count').getByText('1 matching line').waitFor();
    await logPage.getByTestId('search-result').click();
    await viewer.getByText('needle-777777 found').waitFor();
    const hash = new URL(logPage.url()).hash;
    expect(hash).toMatch(/^#L7777\d\d$/);
    const match = viewer.locator(`[data-line="${hash.slice(2)}"]`);
    expect(await match.textContent()).toContain('needle-777777 found');
    expect(await match.getAttribute('class')).toContain('bg-yellow');
    await screenshot(logPage, 'job-log');
    expect(await seriousViolations(logPage)).toEqual([]);

    await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
    const metrics = (await cdp.send('Performance.getMetrics')).metrics;
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
    console.log(`1,000,000-line log: last line shown after ${lastLineMs} ms; JS heap used ${(heap / 1024 / 1024).toFixed(1)} MB`);
    expect(heap).toBeLessThan(300 * 1024 * 1024);
    await logPage.close();
  }, 240_000);

  it('follows a running log live and cancels the build', async () => {
    await stack.api('POST', '/api/v1/projects', { name: 'slow', pipeline: SLOW_PIPELINE });
    await page.goto(`${stack.url}/projects/slow`);
    await page.getByRole('button', { name: 'Run build' }).click();
    await page.waitForURL(/\/builds\/[^/]+$/);
    await page.getByRole('button', { name: /^slow: / }).click();
    const viewer = page.getByTestId('log-viewer');
    await viewer.getByText('tick 2', { exact: true }).waitFor({ timeout: 30_000 });
    await viewer.getByText('tick 6', { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Cancel build' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="dag-node"]')?.getAttribute('data-status') === 'canceled', undefined, { timeout: 30_000 });
    await page.getByRole('button', { name: 'Retry build' }).waitFor();
  }, 120_000);

  it('retries a failed job in place until it succeeds', async () => {
    await stack.api('POST', '/api/v1/projects', { name: 'flaky', pipeline: flakyPipeline(join(work, 'flaky-marker')) });
    await page.goto(`${stack.url}/projects/flaky`);
    await page.getByRole('button', { name: 'Run build' }).click();
    await page.waitForURL(/\/builds\/[^/]+$/);
    await page.getByRole('button', { name: 'flaky: failure' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'after: skipped' }).waitFor();
    await page.getByRole('button', { name: 'flaky: failure' }).click();
    await page.getByTestId('log-viewer').getByText('first attempt fails').waitFor();
    await page.getByRole('button', { name: 'Retry job' }).click();
    await page.getByRole('button', { name: 'flaky: success' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'after: success' }).waitFor({ timeout: 60_000 });
    await page.getByTestId('log-viewer').getByText('recovered', { exact: true }).waitFor();
    await page.getByText('attempt 2').waitFor();
  }, 120_000);

  it('says why a queued job waits', async () => {
    await stack.api('POST', '/api/v1/projects', { name: 'gpu', pipeline: 'name: gpu\njobs:\n  train:\n    runs-on: [gpu]\n    steps:\n      - run: echo train\n' });
    const build = await stack.api<BuildDto>('POST', '/api/v1/projects/gpu/builds', {});
    await page.goto(`${stack.url}/builds/${build.id}/jobs/${build.jobs[0]?.id ?? ''}`);
    const reason = page.getByTestId('wait-reason');
    await reason.getByText(/gpu/).first().waitFor();
    expect(await reason.textContent()).toMatch(/no online agent has the label gpu/i);
    await check('job-waiting');
    await page.getByRole('button', { name: 'Cancel build' }).click();
    await page.getByRole('button', { name: 'train: canceled' }).waitFor();
  }, 60_000);

  it('shows every other view, accessible, on a desktop, a phone and in dark mode', async () => {
    const views: [string, string, string][] = [
      ['builds', '/builds', 'Builds'],
      ['project-settings', '/projects/webapp/settings', 'webapp'],
      ['project-members', '/projects/webapp/members', 'webapp'],
      ['project-secrets', '/projects/webapp/secrets', 'webapp'],
      ['project-webhooks', '/projects/webapp/webhooks', 'webapp'],
      ['projects', '/projects', 'Projects'],
      ['agents', '/agents', 'Agents'],
      ['artifacts', '/artifacts', 'Artifacts'],
      ['deployments', '/deployments', 'Deployments'],
      ['analytics', '/analytics', 'Analytics'],
      ['plugins', '/plugins', 'Plugins'],
      ['settings', '/settings', 'Settings'],
    ];
    // A webhook without a configured secret is rejected, and shows in the delivery log.
    const hook = await fetch(`${stack.url}/api/v1/hooks/generic/webapp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ref":"refs/heads/main"}' });
    expect(hook.status).toBeGreaterThanOrEqual(400);
    for (const [name, path, heading] of views) {
      await page.goto(`${stack.url}${path}`);
      await page.getByRole('heading', { name: heading, exact: true }).first().waitFor({ timeout: 10_000 }).catch((e: unknown) => {
        throw new Error(`view ${name} (${path}) shows no heading "${heading}": ${String(e)}`);
      });
      await check(name);
    }
    await page.goto(`${stack.url}/projects/webapp/webhooks`);
    await page.getByRole('table', { name: 'Webhook deliveries' }).getByText('generic').waitFor();
    await page.goto(`${stack.url}/agents`);
    await page.getByTestId('agent').getByRole('heading', { name: 'e2e-agent' }).waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${stack.url}/`);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await check('overview-phone');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Builds', exact: true }).click();
    await page.getByRole('heading', { name: 'Builds', exact: true }).waitFor();

    await page.setViewportSize({ width: 1280, height: 860 });
    await page.goto(`${stack.url}/`);
    await page.getByRole('button', { name: 'Dark mode' }).click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
    await check('overview-dark');
    await page.getByRole('button', { name: 'Dark mode' }).click();
  }, 180_000);
});

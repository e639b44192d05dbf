/**
 * The dashboard in a real browser (Debian's chromium through playwright-core):
 * the overview shows the nodes and follows a node through failed and back to
 * running live; the node page shows the statechart with the current state lit
 * and the timeline. Screenshots go to test-results/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDashboard, type Dashboard, type InMemoryDashboardSource } from '../../src/dashboard';
import { ManualClock } from '../../src/util';
import { demoSource } from '../unit/dashboard/dashboard-fixture';

const CHROMIUM = '/usr/bin/chromium';
const RESULTS = join(__dirname, '..', '..', 'test-results');
const TOKEN = 'browser-token';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Skipping the dashboard browser suite: ${CHROMIUM} is missing (apt-get install chromium).`);

/** Waits until the element's text is `text` (or the element is gone, for `null`). A function, not a string: the page's CSP forbids eval. */
function waitForText(page: Page, selector: string, text: string | null) {
  return page.waitForFunction(
    ([sel, want]) => ((globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector(sel as string)?.textContent ?? null) === want,
    [selector, text] as const,
  );
}

const tile = (nodeId: string, state: string) => `.node[data-node-id="${nodeId}"][data-state="${state}"]`;

(hasChromium ? describe : describe.skip)('the dashboard in chromium', () => {
  let browser: Browser;
  let page: Page;
  let clock: ManualClock;
  let source: InMemoryDashboardSource;
  let dashboard: Dashboard;

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    clock = new ManualClock(Date.UTC(2025, 0, 15, 9, 30));
    source = demoSource(clock);
    for (let i = 3; i < 8; i++) source.addNode('web', `web-${i}`, { state: 'running', hostname: `agent-${i}.local`, incarnation: 1, taskId: `web-${i}.1` });
    source.addNode('batch', 'batch-2', { state: 'relaunching', hostname: 'agent-4.local', failures: 1 });
    dashboard = await startDashboard({ source, port: 0, token: TOKEN, clock });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  });

  afterAll(async () => {
    await browser?.close();
    await dashboard?.close();
  });

  it('shows the apps and their nodes, coloured by state, and keeps the token out of the address bar', async () => {
    await page.goto(`${dashboard.url}/?token=${TOKEN}`);
    await page.waitForSelector(tile('web-1', 'running'));
    expect(await page.locator('.node').count()).toBe(11);
    expect(page.url()).toBe(`${dashboard.url}/`);
    expect(await page.locator(tile('web-2', 'pending')).textContent()).toContain('no offer has 4 cpus');
    expect(await page.locator('.node.cat-bad').count()).toBe(1);
    expect(await page.locator('.app[data-app-id="web"] .count[data-state="running"]').textContent()).toBe('7running');
    await page.waitForSelector('#live[data-live="open"]');
  });

  it('follows a node from running to failed and back to running, live', async () => {
    source.transition('web', 'web-1', 'failed', { cause: { kind: 'mesos', taskId: 'web-1.1', state: 'TASK_FAILED', reason: 'REASON_COMMAND_EXECUTOR_FAILED' }, failures: 1 });
    await page.waitForSelector(tile('web-1', 'failed'));
    await waitForText(page, '.app[data-app-id="web"] .count[data-state="failed"]', '1failed');

    clock.advance(1_000);
    source.transition('web', 'web-1', 'relaunching', { cause: { kind: 'other', type: 'always' } });
    await page.waitForSelector(tile('web-1', 'relaunching'));
    clock.advance(2_000);
    source.transition('web', 'web-1', 'pending', { cause: { kind: 'timer', name: 'relaunch' }, incarnation: 2, pendingReason: 'waiting for an offer' });
    source.transition('web', 'web-1', 'launching', { cause: { kind: 'offer', offerId: 'o-9', agentId: 'a-1' }, taskId: 'web-1.2' });
    clock.advance(1_000);
    source.transition('web', 'web-1', 'running', { cause: { kind: 'mesos', taskId: 'web-1.2', state: 'TASK_RUNNING' } });
    await page.waitForSelector(tile('web-1', 'running'));
    await waitForText(page, '.app[data-app-id="web"] .count[data-state="failed"]', null);
    await page.screenshot({ path: join(RESULTS, 'dashboard.png'), fullPage: true });
  });

  it("opens a node's page with its statechart, current state lit, and its timeline", async () => {
    await page.click(tile('web-1', 'running'));
    await page.waitForURL(`${dashboard.url}/apps/web/nodes/web-1`);
    await page.waitForSelector('#statechart svg g.node.active');
    expect(await page.locator('#statechart svg g.node.active title').textContent()).toBe('running');
    expect(await page.locator('#node-state').textContent()).toBe('running');
    expect(await page.locator('#timeline tr').count()).toBe(8);
    expect(await page.locator('#timeline tr').first().textContent()).toContain('TASK_RUNNING');
    expect(await page.locator('#node-details').textContent()).toContain('agent-2.local');
    expect(await page.locator('#node-details').textContent()).toContain('web-1.2');
    expect(await page.locator('#pending-reason').isHidden()).toBe(true);

    source.transition('web', 'web-1', 'failed', { cause: { kind: 'mesos', taskId: 'web-1.2', state: 'TASK_FAILED' } });
    await waitForText(page, '#statechart svg g.node.active title', 'failed');
    expect(await page.locator('#timeline tr').count()).toBe(9);
    await page.screenshot({ path: join(RESULTS, 'dashboard-node.png'), fullPage: true });
  });

  it('shows why a node is pending', async () => {
    await page.goto(`${dashboard.url}/apps/web/nodes/web-2`);
    await page.waitForSelector('#statechart svg g.node.active');
    expect(await page.locator('#pending-reason').textContent()).toContain('no offer has 4 cpus');
  });
});

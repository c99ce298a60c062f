import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

/**
 * Every story of the built Storybook in Chromium: its play function (the flows' interaction
 * tests) must finish without throwing, and axe must find nothing (real layout, so colour contrast
 * is checked too — jsdom cannot). `storybook-static/` is built by the test command first.
 */
const STORYBOOK = process.env.STORYBOOK_URL ?? 'http://127.0.0.1:6007';

interface IndexEntry {
  id: string;
  type: 'story' | 'docs';
  title: string;
  name: string;
}

/** addon-a11y runs axe in the preview too; wait for its run to end instead of colliding with it. */
async function analyze(page: import('@playwright/test').Page) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await new AxeBuilder({ page }).include('#storybook-root').analyze();
    } catch (err) {
      if (attempt > 20 || !String(err).includes('already running')) throw err;
      await page.waitForTimeout(250);
    }
  }
}

/** Waits for Storybook's render of this story to end; returns its last phase. */
async function storyPhase(page: import('@playwright/test').Page, id: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const phase = await page.evaluate((storyId) => {
      const preview = (
        window as unknown as { __STORYBOOK_PREVIEW__?: { storyRenders?: { id: string; phase?: string }[] } }
      ).__STORYBOOK_PREVIEW__;
      return preview?.storyRenders?.find((r) => r.id === storyId)?.phase ?? 'pending';
    }, id);
    if (phase === 'finished' || phase === 'errored' || phase === 'aborted' || Date.now() > deadline)
      return phase;
    await page.waitForTimeout(100);
  }
}

test('every story plays to the end and is axe-clean', async ({ page, request }) => {
  test.setTimeout(10 * 60_000);
  const index = (await (await request.get(`${STORYBOOK}/index.json`)).json()) as {
    entries: Record<string, IndexEntry>;
  };
  const stories = Object.values(index.entries).filter((e) => e.type === 'story');
  expect(stories.length).toBeGreaterThan(10);
  const failures: string[] = [];
  // A play function that throws is logged by Storybook (not rethrown): console errors fail the story.
  let errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      errors.push(m.text().split('\n')[0]!);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  for (const story of stories) {
    errors = [];
    // a11y.manual: addon-a11y does not run its own axe pass; the one below is the check.
    await page.goto(`${STORYBOOK}/iframe.html?id=${story.id}&viewMode=story&globals=a11y.manual:!true`);
    await page.locator('#storybook-root > *').first().waitFor({ state: 'attached', timeout: 15_000 });
    const phase = await storyPhase(page, story.id);
    if (phase !== 'finished') failures.push(`${story.title} / ${story.name}: play ended "${phase}"`);
    for (const e of errors) failures.push(`${story.title} / ${story.name}: ${e}`);
    const results = await analyze(page);
    for (const v of results.violations) {
      failures.push(
        `${story.title} / ${story.name}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
      );
    }
  }
  expect(failures, failures.join('\n')).toEqual([]);
});

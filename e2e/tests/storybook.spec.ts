import { expect, test } from '@playwright/test';
import { analyze as analyzeWithAxe } from '../models/axe';

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

/**
 * axe on the story (AxeBuilder's analysis, axe-core loaded once per frame: models/axe.ts).
 * addon-a11y runs axe in the preview too; wait for its run to end instead of colliding with it.
 */
async function analyze(page: import('@playwright/test').Page) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await analyzeWithAxe(page, { include: ['#storybook-root'], exclude: [] });
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

/** Storybook's preview channel: switching stories through it skips a full preview load per story. */
async function showStory(page: import('@playwright/test').Page, id: string, first: boolean) {
  if (first) {
    // a11y.manual: addon-a11y does not run its own axe pass; the one below is the check.
    await page.goto(`${STORYBOOK}/iframe.html?id=${id}&viewMode=story&globals=a11y.manual:!true`);
    return;
  }
  await page.evaluate((storyId) => {
    const channel = (
      window as unknown as { __STORYBOOK_ADDONS_CHANNEL__: { emit(event: string, data: unknown): void } }
    ).__STORYBOOK_ADDONS_CHANNEL__;
    channel.emit('setCurrentStory', { storyId, viewMode: 'story' });
  }, id);
}

/** One page sweeps its share of the stories; returns what failed. */
async function sweep(page: import('@playwright/test').Page, stories: IndexEntry[]): Promise<string[]> {
  const failures: string[] = [];
  // A play function that throws is logged by Storybook (not rethrown): console errors fail the story.
  let errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      errors.push(m.text().split('\n')[0]!);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  for (const [i, story] of stories.entries()) {
    errors = [];
    await showStory(page, story.id, i === 0);
    const phase = await storyPhase(page, story.id);
    await page.locator('#storybook-root > *').first().waitFor({ state: 'attached', timeout: 15_000 });
    if (phase !== 'finished') failures.push(`${story.title} / ${story.name}: play ended "${phase}"`);
    for (const e of errors) failures.push(`${story.title} / ${story.name}: ${e}`);
    const results = await analyze(page);
    for (const v of results.violations) {
      failures.push(
        `${story.title} / ${story.name}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
      );
    }
  }
  return failures;
}

test('every story plays to the end and is axe-clean', async ({ browser, request }) => {
  test.setTimeout(10 * 60_000);
  const index = (await (await request.get(`${STORYBOOK}/index.json`)).json()) as {
    entries: Record<string, IndexEntry>;
  };
  const stories = Object.values(index.entries).filter((e) => e.type === 'story');
  expect(stories.length).toBeGreaterThan(10);
  // Two pages (one per core), each switching stories in place.
  const shards = [0, 1].map((k) => stories.filter((_, i) => i % 2 === k));
  const results = await Promise.all(
    shards.map(async (shard) => {
      const context = await browser.newContext();
      try {
        return await sweep(await context.newPage(), shard);
      } finally {
        await context.close();
      }
    }),
  );
  const failures = results.flat();
  expect(failures, failures.join('\n')).toEqual([]);
});

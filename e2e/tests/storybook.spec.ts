import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

/**
 * axe over every story of the built Storybook, in Chromium (real layout, so colour contrast is
 * checked too — jsdom cannot). `storybook-static/` is built by the test command before this runs.
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

test('every story is axe-clean', async ({ page, request }) => {
  test.setTimeout(10 * 60_000);
  const index = (await (await request.get(`${STORYBOOK}/index.json`)).json()) as {
    entries: Record<string, IndexEntry>;
  };
  const stories = Object.values(index.entries).filter((e) => e.type === 'story');
  expect(stories.length).toBeGreaterThan(10);
  const failures: string[] = [];
  for (const story of stories) {
    await page.goto(`${STORYBOOK}/iframe.html?id=${story.id}&viewMode=story`);
    await page.locator('#storybook-root > *').first().waitFor({ state: 'attached', timeout: 15_000 });
    await page.waitForTimeout(150);
    const results = await analyze(page);
    for (const v of results.violations) {
      failures.push(
        `${story.title} / ${story.name}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
      );
    }
  }
  expect(failures, failures.join('\n')).toEqual([]);
});

import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { analyze } from '../models/axe';

/**
 * models/axe.ts (the Storybook sweep's axe, loaded once per frame) must find what AxeBuilder
 * finds: the same violations, the same nodes, in the page and in a cross-origin child frame
 * (a data: URL, as the stories' bank and card pages), and again after the page changed in place.
 */
const CHILD = `data:text/html,${encodeURIComponent(
  '<!doctype html><html lang="en"><title>child</title><main><img src="x.png"><button></button></main></html>',
)}`;

const summary = (results: { violations: { id: string; nodes: { target: unknown }[] }[] }) =>
  results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`).sort();

test('analyses as AxeBuilder does, child frames included, page after page', async ({ page }) => {
  await page.setContent(
    `<!doctype html><html lang="en"><title>t</title><body><div id="root"><main>
      <h1>Shop</h1><input id="name"><a href="#"></a>
      <iframe title="bank page" src="${CHILD}"></iframe>
    </main></div><p style="color:#eee;background:#fff">outside the root</p></body></html>`,
  );
  await page.frameLocator('iframe').locator('button').waitFor({ state: 'attached' });
  const context = { include: ['#root'], exclude: [] };
  const expected = summary(await new AxeBuilder({ page }).include('#root').analyze());
  expect(expected.map((v) => v.split(':')[0])).toEqual(
    expect.arrayContaining(['button-name', 'image-alt', 'label', 'link-name']),
  );
  expect(summary(await analyze(page, context))).toEqual(expected);

  // The page changes in place (as Storybook switches stories): the next analysis sees the change.
  await page.evaluate(() => {
    document.querySelector('#name')?.setAttribute('aria-label', 'Name');
    document.querySelector('iframe')?.remove();
  });
  const after = summary(await analyze(page, context));
  expect(after).toEqual(summary(await new AxeBuilder({ page }).include('#root').analyze()));
  expect(after.map((v) => v.split(':')[0])).toEqual(['link-name']);
});

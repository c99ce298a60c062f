import type { Browser, Frame, Page } from '@playwright/test';
import axe, {
  type AxeResults,
  type ContextObject,
  type FrameContext,
  type PartialResult,
  type RunOptions,
} from 'axe-core';

/**
 * The analysis of @axe-core/playwright's `AxeBuilder.analyze()`, for pages checked many times
 * without navigating (the Storybook sweep switches stories in one page): `axe.runPartial` in
 * every frame, child frames through `axe.utils.getFrameContexts`, then `axe.finishRun` outside
 * the page under test; the same axe-core, rules and results.
 *
 * What it leaves out is AxeBuilder's cost per call: it sends axe-core's source (~560 kB) to the
 * page and to each child frame at every call, and opens, loads and closes a new page for
 * `finishRun`. Here axe-core goes to a frame only when that frame does not have this version
 * yet, and `finishRun` runs in one page per browser, kept open (in a context of its own, so that
 * no test sees an extra page in its context). Measured on the 2-core machine, the sweep of 140
 * stories: the whole machine's CPU 232 s with AxeBuilder, 86 s with this (50 s with no axe).
 */
export async function analyze(
  page: Page,
  context: ContextObject = { include: [], exclude: [] },
  options: RunOptions = {},
) {
  const partials = await runPartialRecursive(page.mainFrame(), context, options, true);
  const finisher = await finisherFor(page);
  const results: AxeResults = await finisher.evaluate(
    (json) => {
      const [p, o] = JSON.parse(json) as [PartialResult[], RunOptions];
      return (window as unknown as AxeWindow).axe.finishRun(p, o);
    },
    JSON.stringify([partials, options]),
  );
  return results;
}

interface AxeWindow {
  axe: typeof axe;
}

/** axe-core into the frame, unless this version is there already (and configured as AxeBuilder does). */
async function inject(frame: Frame): Promise<void> {
  const present = await frame.evaluate(
    (version) => (window as unknown as Partial<AxeWindow>).axe?.version === version,
    axe.version,
  );
  if (present) return;
  await frame.evaluate(axe.source);
  await frame.evaluate(() =>
    (window as unknown as AxeWindow).axe.configure({
      allowedOrigins: ['<same_origin>'],
      branding: { application: 'playwright' },
    }),
  );
}

/**
 * A frame's partial result, then its child frames' (depth first), as AxeBuilder orders them; a
 * child frame that cannot be reached counts as `null` (axe-core then reports it untested).
 */
async function runPartialRecursive(
  frame: Frame,
  context: ContextObject,
  options: RunOptions,
  top: boolean,
): Promise<(PartialResult | null)[]> {
  try {
    await inject(frame);
  } catch (error) {
    if (top) throw error;
    return [null];
  }
  // Context and options cross as JSON (Playwright's argument types do not unfold axe-core's).
  const args = JSON.stringify([context, options]);
  const frameContexts: FrameContext[] = await frame.evaluate((json) => {
    const [c] = JSON.parse(json) as [ContextObject];
    return (window as unknown as AxeWindow).axe.utils.getFrameContexts(c);
  }, args);
  const own: Promise<PartialResult> = frame.evaluate((json) => {
    const [c, o] = JSON.parse(json) as [ContextObject, RunOptions];
    return (window as unknown as AxeWindow).axe.runPartial(c, o);
  }, args);
  const children: Promise<(PartialResult | null)[]>[] = [];
  for (const { frameSelector, frameContext } of frameContexts) {
    const child = (async () => {
      const handle = await frame.evaluateHandle(
        (selector) => (window as unknown as AxeWindow).axe.utils.shadowSelect(selector),
        frameSelector,
      );
      const childFrame = await handle.asElement()?.contentFrame();
      return childFrame ? runPartialRecursive(childFrame, frameContext, options, false) : [null];
    })().catch(() => [null]);
    children.push(child);
  }
  let mine: PartialResult;
  try {
    mine = await own;
  } catch (error) {
    if (top) throw error;
    return [null];
  }
  return [mine, ...(await Promise.all(children)).flat(1)];
}

const finishers = new WeakMap<Browser, Promise<Page>>();

/** The browser's page for `finishRun`: blank, axe-core loaded once. */
function finisherFor(page: Page): Promise<Page> {
  const browser = page.context().browser();
  if (!browser) throw new Error('axe: the page has no browser (a persistent context?)');
  let finisher = finishers.get(browser);
  if (!finisher) {
    finisher = (async () => {
      const blank = await (await browser.newContext()).newPage();
      await inject(blank.mainFrame());
      return blank;
    })();
    finishers.set(browser, finisher);
  }
  return finisher;
}

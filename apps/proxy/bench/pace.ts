/** What the bench's open-loop parts share: sending on a schedule, and reading percentiles. */

/**
 * Starts `count` pieces of work at `rate` per second (open loop: each on schedule, whether or not
 * the earlier ones ended) and resolves when all have ended.
 */
export async function atRate(
  count: number,
  rate: number,
  start: (i: number) => Promise<void>,
): Promise<void> {
  const began = performance.now();
  const work: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const wait = began + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    work.push(start(i));
  }
  await Promise.all(work);
}

/** Nearest rank: the smallest value with at least p % of `sorted` (ascending) at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, in seconds of wall time on the 2-core machine (4 workers, loaded),
 * for a run with no timings cached yet (a fresh clone). Only the order files start in depends on
 * this: a file missing here, or a figure gone stale, costs time, never a test.
 */
const SLOW_FILES: Record<string, number> = {
  'packages/proxy/test/chaos.test.ts': 77,
  'packages/proxy/test/chaosChecks.test.ts': 47,
  'apps/proxy/test/persistence.test.ts': 34,
  'packages/proxy/test/fuzz.test.ts': 29,
  'apps/proxy/test/load.test.ts': 23,
  'packages/proxy/test/cardWire.test.ts': 22,
  'apps/proxy/test/webhooks.test.ts': 22,
  'packages/proxy/test/wire.test.ts': 20,
  'packages/proxy/src/db/db.test.ts': 18,
  'packages/proxy/test/refund.test.ts': 17,
  'packages/proxy/test/payment.test.ts': 16,
  'packages/proxy/test/orderEvents.test.ts': 16,
  'packages/proxy/test/cardRegistration.test.ts': 15,
  'packages/react/src/PayWithSavedCard/PayWithSavedCard.test.tsx': 14,
};

/**
 * Longest files first, whatever their project. Vitest's own order runs project after project and,
 * on a fresh clone, a project's files by size: the suite's longest test (the 150-journey chaos
 * run, a small file) started when most files were done and ran on alone, one core idle. Durations
 * come from Vitest's cache of the last run (so a second run is ordered by what it measured), else
 * from SLOW_FILES; files known by neither keep Vitest's order after them.
 */
export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const expectedMs = (spec: TestSpecification): number => {
      const path = relative(root, spec.moduleId);
      const cached = this.ctx.cache.getFileTestResults(`${spec.project.name}:${path}`)?.duration;
      return cached ?? (SLOW_FILES[path] ?? 0) * 1000;
    };
    const ordered = await super.sort(files);
    return ordered
      .map((spec, index) => ({ spec, index, ms: expectedMs(spec) }))
      .sort((a, b) => b.ms - a.ms || a.index - b.index)
      .map(({ spec }) => spec);
  }
}

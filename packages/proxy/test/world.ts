import { afterAll, beforeAll } from 'vitest';
import type { DbEngine } from '../src/db/testing';
import type { Db } from '../src/db/types';
import { createWorld, type World, type WorldOptions } from './harness';

/**
 * The world of one `describe` block on `engine`: made before its tests, closed after. The value
 * returned stands for it (it forwards to the world once made).
 */
export function worldOn(engine: DbEngine, options?: WorldOptions): World {
  let db: Db | null = null;
  let world: World | null = null;
  beforeAll(async () => {
    db = await engine.create();
    world = await createWorld(db, options);
  });
  afterAll(async () => {
    await world?.close();
    await db?.close();
  });
  return new Proxy({} as World, {
    get: (_, key) => {
      if (!world) throw new Error('the world is made in beforeAll: use it inside a test');
      return Reflect.get(world, key);
    },
  });
}

export { type CardPageEntry, TEST_CARDS, type TestCardBehaviour } from './memoryCards';
export {
  createMemoryClient,
  MemoryAyoClient,
  type MemoryClientOptions,
  type MemoryScenario,
} from './memoryClient';

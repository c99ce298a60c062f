export { type CardPageEntry, TEST_CARDS, type TestCardBehaviour } from './memoryCards';
export {
  createMemoryClient,
  MEMORY_STAFF,
  MemoryAyoClient,
  type MemoryCheckout,
  type MemoryClientOptions,
  type MemoryScenario,
} from './memoryClient';

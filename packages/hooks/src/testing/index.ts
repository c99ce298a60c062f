export {
  createMemoryClient,
  MemoryAyoClient,
  type MemoryClientOptions,
  type MemoryScenario,
} from './memoryClient';

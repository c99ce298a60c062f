// What .storybook/preview.tsx needs from the workspace, resolved from this package (the
// repository root does not depend on @ayokit/hooks itself).
export { type Appearance, AyoProvider } from '@ayokit/hooks';
export type { MemoryAyoClient } from '@ayokit/hooks/testing';
export { memoryClient } from './fixtures';

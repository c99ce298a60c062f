// What .storybook/preview.tsx needs from the workspace, resolved from this package (the
// repository root does not depend on @ayokit/hooks itself).
export type { Appearance } from '@ayokit/hooks';
export type { MemoryAyoClient } from '@ayokit/hooks/testing';
export { AyoProvider } from '../AyoProvider';
export type { AyoMessageOverrides } from '../i18n';
export { en } from '../locales/en';
export { memoryClient } from './fixtures';

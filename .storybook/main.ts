import type { StorybookConfig } from '@storybook/react-vite';

// Offline-safe: no telemetry, no "what's new" fetch. Stories resolve the workspace packages
// from source (the `@ayokit/source` export condition), so no build is needed first.
const config: StorybookConfig = {
  framework: { name: '@storybook/react-vite', options: {} },
  stories: ['../packages/react/src/**/*.stories.tsx'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  typescript: { reactDocgen: 'react-docgen' },
  async viteFinal(viteConfig) {
    const { mergeConfig, defaultClientConditions } = await import('vite');
    return mergeConfig(viteConfig, {
      resolve: { conditions: ['@ayokit/source', ...defaultClientConditions] },
    });
  },
};

export default config;

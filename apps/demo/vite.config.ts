import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Dev: `pnpm --filter @ayokit/demo dev` next to `npm start` (the proxy on 8787 serves the built app too).
const backend = process.env.AYOKIT_BACKEND ?? 'http://127.0.0.1:8787';

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@ayokit/source'] },
  server: {
    proxy: Object.fromEntries(['/ayokit', '/demo/', '/sandbox', '/webview', '/dd'].map((p) => [p, backend])),
  },
  build: { outDir: 'dist', emptyOutDir: true },
});

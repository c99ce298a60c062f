import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev`: the backend (../node-http, `npm start`) answers the shop's routes and the proxy.
const backend = process.env.BACKEND_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: Object.fromEntries(['/ayokit', '/products', '/session', '/checkout'].map((p) => [p, backend])),
  },
});

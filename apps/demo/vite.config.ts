import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';

// DEMO_PORT is read here so `pnpm --filter @ropc-kit/demo dev` and scripts/dev.mjs agree.
// strictPort: a port in use is an error to report, not a reason to wander to another port
// that the IdP's CORS origins do not list.
const port = Number(process.env.DEMO_PORT ?? 5173);

export default defineConfig({
  plugins: [react()],
  // Workspace packages export a `ropc-kit-source` condition: the demo uses their src without a build.
  resolve: { conditions: ['ropc-kit-source', ...defaultClientConditions] },
  server: { host: '127.0.0.1', port, strictPort: true },
  // 4173 is Vite's preview default, which the IdP CLI's default CORS origins include.
  preview: { host: '127.0.0.1', port: Number(process.env.DEMO_PORT ?? 4173), strictPort: true },
  build: { sourcemap: true },
});

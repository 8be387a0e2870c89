// Builds the dashboard into dist/dashboard, which the gateway serves at `<prefix>/dashboard/`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // Relative asset URLs, so the same build works at /dashboard/, behind an ingress prefix or a port-forward.
  base: './',
  publicDir: 'public',
  build: {
    outDir: fileURLToPath(new URL('../../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    // The CSP (`default-src 'self'`) forbids data: URLs for images and fonts: always emit files.
    assetsInlineLimit: 0,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    // `vite --config apps/dashboard/vite.config.ts` during development: the page at / resolves ../api/… to /api/….
    proxy: { '/api': 'http://127.0.0.1:5000' },
  },
});

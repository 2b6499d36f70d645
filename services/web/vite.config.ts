// Vite builds the static bundle that nginx serves. Only `vite` is needed here: the image's build
// stage installs the production dependencies alone (vitest.config.ts adds the test settings).
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    target: 'es2022',
    assetsInlineLimit: 0, // every asset is a file of its own, served by the web service ('self' only)
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev` proxies the API to a local backend, as nginx does in the image.
    proxy: { '/api/': process.env.API_UPSTREAM ?? 'http://127.0.0.1:8080' },
  },
});

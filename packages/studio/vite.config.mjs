// Builds Studio into dist/web, which the server serves at `/`. JSX is compiled by esbuild per
// tsconfig.app.json; type checking is `tsc -b` (the root build), not Vite's job.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  logLevel: 'warn',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});

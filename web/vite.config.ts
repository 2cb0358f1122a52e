import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// The CSP forbids inline script: no module-preload polyfill (it is inline),
// and Vite emits only external, hashed files under /assets/.
export default defineConfig({
  plugins: [preact()],
  build: {
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});

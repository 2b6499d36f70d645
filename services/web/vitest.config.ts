// The unit tests: the API client and the store against loopback servers, the chips in jsdom.
import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config';

export default mergeConfig(viteConfig, defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
}));

import { defineConfig } from 'vitest/config';
import { roleChannels } from './scripts/roleChannels.mjs';

export default defineConfig({
  // The preload's unit tests load it from source: its allow-lists come from the same build step.
  plugins: [roleChannels()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    globalSetup: ['tests/setup/backgroundWorker.ts'],
  },
});

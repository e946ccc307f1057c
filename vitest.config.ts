import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include: ['lib/**/*.test.ts', 'mocks/**/*.test.ts', 'components/**/*.test.ts', 'app/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    coverage: {
      provider: 'v8',
      include: ['lib/**/*.ts'],
      exclude: ['**/*.test.ts', 'lib/sim/cli.ts', '**/index.ts'],
      reporter: ['text-summary', 'text'],
    },
  },
});

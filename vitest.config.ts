import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include: ['lib/**/*.test.ts', 'mocks/**/*.test.ts', 'components/**/*.test.ts', 'app/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['./vitest.setup.ts'],
    coverage: {
      provider: 'v8',
      // Every .ts module the unit tests can reach. The .tsx components are left out (vitest
      // would otherwise list the ones a test imports a helper from): they are rendered and
      // checked by the Playwright suite (e2e/), not by unit tests.
      include: ['lib/**/*.ts', 'mocks/**/*.ts', 'app/**/*.ts', 'components/**/*.ts'],
      // Not code under test: the tests themselves, test helpers, barrels, and the CLI entry
      // (lib/sim/cli.ts only wires cli-args.ts and format-table.ts to process.argv/stdout).
      exclude: ['**/*.test.ts', '**/*.tsx', 'mocks/test-utils.ts', 'lib/grading/test-utils.ts', 'lib/sim/cli.ts', '**/index.ts'],
      reporter: ['text-summary', 'text'],
    },
  },
});

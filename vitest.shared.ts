import { defineConfig } from 'vitest/config';

/**
 * Tests run on TypeScript sources: workspace packages resolve through the `@tokenflow/source` export
 * condition (see each package.json), so no build is needed first. What users install (dist/) is tested
 * by scripts/consumer-test.
 */
// No `module` condition: @opentelemetry/api's `module` build is bundler-only ESM (extensionless imports)
// that Node cannot load once Vitest externalizes it; every other dependency resolves the same without it.
const sourceConditions = ['@tokenflow/source', 'node', 'development|production'];

export function packageTestConfig(timeouts: { testTimeout: number; hookTimeout: number }) {
  return defineConfig({
    resolve: { conditions: sourceConditions },
    ssr: { resolve: { conditions: sourceConditions, externalConditions: ['@tokenflow/source'] } },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      ...timeouts,
      // Type tests (`*.test-d.ts`, expectTypeOf) are checked by each package's `tsc --noEmit` (the
      // `typecheck` task `pnpm test` runs), whose program includes them; Vitest checking them again cost
      // every package a second TypeScript program.
      typecheck: { enabled: false },
      // One module registry per worker instead of one per test file: loading and transforming the same
      // sources again for each of ~100 files was most of a suite's time (core: 85 s -> 23 s on an idle
      // 2-core machine). Test files must therefore leave no global state behind (env, timers, globals);
      // they restore what they change, and the suites pass with `--sequence.shuffle.files`.
      isolate: false,
    },
  });
}

// One vitest configuration for the whole monorepo: a project per package, @recur/* resolved to
// sources. The exception is @recur/native: @recur/tensor loads it at run time with require(), as
// it does in an app, so the tests use its build (npm test builds first), loaded by Node itself so
// that every importer shares one instance. `npm test` runs the suite once per backend.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const packages = [
  'tensor',
  'layers',
  'optim',
  'losses',
  'data',
  'datasets',
  'models',
  'recur',
  'testing',
];

// '@recur/tensor/internal' before '@recur/tensor': an alias also matches as a path prefix.
const alias = {
  '@recur/tensor/internal': `${root}packages/tensor/src/internal.ts`,
  '@recur/examples-shared': `${root}examples/shared/src/index.ts`,
  ...Object.fromEntries(
    packages.map((name) => [
      name === 'recur' ? 'recurjs' : `@recur/${name}`,
      `${root}packages/${name}/src/index.ts`,
    ]),
  ),
};

export default defineConfig({
  resolve: { alias },
  test: {
    root,
    server: { deps: { external: [/\/native\/dist\//] } },
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'native', include: ['native/test/**/*.test.ts'] } },
      ...packages.map((name) => ({
        extends: true as const,
        test: { name, include: [`packages/${name}/test/**/*.test.ts`] },
      })),
      { extends: true, test: { name: 'examples', include: ['examples/*/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'bench', include: ['bench/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'docs', include: ['docs/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'repository', include: ['test/**/*.test.ts'] } },
    ],
  },
});

// What each public package puts in its npm tarball (`npm pack --dry-run`), the dependency graph
// users install, and the names the project's hints point at. The install itself, from packed
// tarballs in apps outside the repository, is scripts/check-packages.mjs (run by .ci/run).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  engines?: { node?: string };
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  publishConfig?: { access?: string };
}

const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  workspaces: string[];
};
const folders = rootManifest.workspaces.flatMap((pattern) =>
  pattern.endsWith('/*')
    ? readdirSync(join(root, pattern.slice(0, -2))).map((name) => join(pattern.slice(0, -2), name))
    : [pattern],
);
const workspaces = folders
  .filter((folder) => existsSync(join(root, folder, 'package.json')))
  .map((folder) => ({
    folder,
    manifest: JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8')) as Manifest,
  }));
const published = workspaces.filter(({ manifest }) => !manifest.private);
const byName = new Map(published.map((entry) => [entry.manifest.name, entry]));

function packedFiles(folder: string): string[] {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: join(root, folder),
    encoding: 'utf8',
  });
  const [result] = JSON.parse(output) as [{ files: Array<{ path: string }> }];
  return result.files.map((file) => file.path).sort();
}

describe('npm tarballs', () => {
  it('the public packages are the ones users install', () => {
    expect([...byName.keys()].sort()).toEqual([
      '@recur/data',
      '@recur/datasets',
      '@recur/layers',
      '@recur/losses',
      '@recur/models',
      '@recur/native',
      '@recur/optim',
      '@recur/tensor',
      'recurjs',
    ]);
  });

  const license = readFileSync(join(root, 'LICENSE'), 'utf8');
  for (const { folder, manifest } of published) {
    it(`${manifest.name}: README, LICENSE and dist, no build leftovers or tests`, () => {
      expect(
        existsSync(join(root, folder, 'dist', 'index.js')),
        'build first (npm test does)',
      ).toBe(true);
      const files = packedFiles(folder);
      expect(files).toContain('README.md');
      expect(files).toContain('LICENSE');
      expect(readFileSync(join(root, folder, 'LICENSE'), 'utf8')).toBe(license);
      expect(files).toContain('dist/index.js');
      expect(files).toContain('dist/index.d.ts');
      const leftovers = files.filter(
        (file) =>
          file.endsWith('.tsbuildinfo') ||
          /(^|\/)(test|tests|__tests__|node_modules|\.turbo)\//.test(file) ||
          /\.test\.[cm]?[jt]s$/.test(file) ||
          file.startsWith('build/'),
      );
      expect(leftovers).toEqual([]);
      for (const target of Object.values(manifest.bin ?? {}))
        expect(files).toContain(target.replace(/^\.\//, ''));
      expect(manifest.name.startsWith('@') ? manifest.publishConfig?.access : 'public').toBe(
        'public',
      );
    });
  }

  it('@recur/native ships what its install step builds from, and no prebuilt addon', () => {
    const files = packedFiles('native');
    for (const needed of ['CMakeLists.txt', 'scripts/build-addon.mjs', 'dist/cli.js'])
      expect(files).toContain(needed);
    expect(files.some((file) => file.startsWith('cpp/kernels/'))).toBe(true);
    expect(files.some((file) => file.startsWith('cpp/addon/'))).toBe(true);
    expect(files.some((file) => file.endsWith('.node'))).toBe(false);
  });

  it('the data sets are in @recur/datasets only', () => {
    expect(packedFiles('packages/data').some((file) => file.startsWith('datasets/'))).toBe(false);
    expect(packedFiles('packages/datasets')).toContain('datasets/README.md');
  });
});

describe('what an install pulls in', () => {
  /** The recur packages an install of `name` brings, through required dependencies only. */
  function installs(name: string, seen = new Set<string>()): Set<string> {
    seen.add(name);
    for (const dependency of Object.keys(byName.get(name)?.manifest.dependencies ?? {}))
      if (byName.has(dependency) && !seen.has(dependency)) installs(dependency, seen);
    return seen;
  }

  it('only recurjs and @recur/native itself pull in the native addon (and cmake-js)', () => {
    const withNative = [...byName.keys()].filter((name) => installs(name).has('@recur/native'));
    expect(withNative.sort()).toEqual(['@recur/native', 'recurjs']);
    expect(Object.keys(byName.get('@recur/native')!.manifest.dependencies ?? {})).toContain(
      'cmake-js',
    );
  });

  it('@recur/tensor takes @recur/native as an optional peer of the same version', () => {
    const tensor = byName.get('@recur/tensor')!.manifest;
    expect(tensor.peerDependencies?.['@recur/native']).toBe(tensor.version);
    expect(tensor.peerDependenciesMeta?.['@recur/native']?.optional).toBe(true);
  });

  it("@recur/tensor's public types never refer to @recur/native (absent in a TS-only install)", () => {
    const dist = join(root, 'packages', 'tensor', 'dist');
    const reached = new Set<string>();
    const offenders: string[] = [];
    const visit = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      const text = readFileSync(file, 'utf8');
      if (/from '@recur\/native'|import\('@recur\/native'\)/.test(text))
        offenders.push(relative(dist, file));
      for (const [, specifier] of text.matchAll(/from '(\.[^']+)'/g))
        visit(join(dirname(file), specifier.replace(/\.js$/, '.d.ts')));
    };
    visit(join(dist, 'index.d.ts'));
    expect(reached.size).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });

  it('one Node range for every package, the one that require()s ES modules', () => {
    const ranges = new Set(
      [{ manifest: rootManifest as unknown as Manifest }, ...published].map(
        ({ manifest }) => manifest.engines?.node,
      ),
    );
    expect([...ranges]).toEqual(['>=20.19']);
  });
});

describe('names the project owns', () => {
  // `recur` on the npm registry is an unrelated package: no hint may send a user there.
  const sources = [
    'README.md',
    'scripts',
    'native/src',
    'native/scripts',
    'native/README.md',
    'docs',
    ...published.map(({ folder }) => join(folder, 'src')),
    ...published.map(({ folder }) => join(folder, 'README.md')),
    '.changeset',
  ];
  function textFiles(path: string): string[] {
    const full = join(root, path);
    if (!existsSync(full)) return [];
    if (!statSync(full).isDirectory()) return /\.(ts|mjs|md|sh)$/.test(path) ? [path] : [];
    return readdirSync(full)
      .filter((name) => !['api', '.generated', 'node_modules', 'dist'].includes(name))
      .flatMap((name) => textFiles(join(path, name)));
  }

  it('no command, import or install line names the unscoped package `recur`', () => {
    const pattern =
      /npx recur(?![\w-])|npm (?:install|i) (?:[^\n`]* )?recur(?![\w/-])|from 'recur'|import\('recur'\)/;
    const offenders = sources
      .flatMap(textFiles)
      .filter((file) => pattern.test(readFileSync(join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshImporter } from '@recur/testing';
import { describe, expect, it, vi } from 'vitest';
import { NativeUnavailableError } from '../src/backend/backend-errors.js';
import { findNativePackage } from '../src/backend/native/find-native-package.js';

/** A fresh copy of the package, so its once-per-process caches start empty. */
const freshTensor = freshImporter(() => import('../src/index.js'));

const missing = join(tmpdir(), 'recur-no-such-dir', 'recur_native.node');

describe('backend choice when the addon is missing', () => {
  it('RECUR_BACKEND=js uses the TypeScript backend without printing a notice', async () => {
    const tensor = await freshTensor({ RECUR_NATIVE_ADDON: missing, RECUR_BACKEND: 'js' });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(tensor.chooseBackend()).toEqual({ name: 'js', reason: 'requested (RECUR_BACKEND=js)' });
    expect(stderr).not.toHaveBeenCalled();
  });

  it('RECUR_BACKEND=native throws NativeUnavailableError with the reason and the fixes for an app and a clone', async () => {
    const tensor = await freshTensor({ RECUR_NATIVE_ADDON: missing, RECUR_BACKEND: 'native' });
    let caught: unknown;
    try {
      tensor.chooseBackend();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(tensor.NativeUnavailableError);
    const error = caught as NativeUnavailableError;
    expect(error.reason).toBe(`the addon file ${missing} does not exist (it was not built)`);
    expect(error.fix).toMatch(/^npx @recur\/native build/);
    expect(error.message).toContain('libopenblas-dev');
    expect(error.message).toContain('in your app: npx @recur/native build');
    expect(error.message).toContain('in a clone of the recur repository: bash scripts/setup.sh');
    expect(error.message).toContain('RECUR_BACKEND=js');
    expect(error.message).toContain('details: npx @recur/native info');
  });

  it('unset falls back to js with a single one-line notice naming the fix', async () => {
    const tensor = await freshTensor({ RECUR_NATIVE_ADDON: missing, RECUR_BACKEND: undefined });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(tensor.chooseBackend().name).toBe('js');
    expect(tensor.chooseBackend().name).toBe('js');
    expect(stderr).toHaveBeenCalledTimes(1);
    const notice = String(stderr.mock.calls[0][0]);
    expect(notice.trimEnd().split('\n')).toHaveLength(1);
    expect(notice).toMatch(/^recur: native backend unavailable .*using the TypeScript backend/);
    expect(notice).toContain('To get it: npx @recur/native build');
    expect(notice).toContain('in a clone of recur: bash scripts/setup.sh');
    expect(tensor.getBackend()).toBe('js');
  });

  it('rejects unknown RECUR_BACKEND and RECUR_NUM_THREADS values with a configuration error', async () => {
    const tensor = await freshTensor({ RECUR_BACKEND: 'gpu' });
    expect(() => tensor.chooseBackend()).toThrow(tensor.RecurConfigurationError);
    expect(() => tensor.chooseBackend()).toThrow(
      `RECUR_BACKEND expected 'native', 'js' or 'auto', received "gpu"`,
    );
    const again = await freshTensor({ RECUR_BACKEND: 'native', RECUR_NUM_THREADS: 'two' });
    expect(() => again.configuredThreads()).toThrow(
      'RECUR_NUM_THREADS expected an integer in [1, 1024], received "two"',
    );
    expect(() => again.chooseBackend()).toThrow(again.RecurConfigurationError);
    // The report describes the problem instead of throwing it.
    const report = again.backendInfo();
    expect(report.backend).toBe('unavailable');
    expect(report.reason).toContain('RECUR_NUM_THREADS');
  });

  it('backendInfo reports the missing addon and its fix without throwing or printing', async () => {
    const tensor = await freshTensor({ RECUR_NATIVE_ADDON: missing, RECUR_BACKEND: undefined });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(tensor.backendInfo().backend).toBe('js');
    expect(stderr).not.toHaveBeenCalled();
    process.env.RECUR_BACKEND = 'native';
    const report = tensor.backendInfo();
    expect(report.backend).toBe('unavailable');
    expect(report.native).toMatchObject({ installed: true, loaded: false, path: missing });
    expect(report.native.fix).toMatch(/^npx @recur\/native build/);
  });
});

describe('finding the optional @recur/native package', () => {
  const notFound = (id: string) =>
    Object.assign(new Error(`Cannot find module '${id}'\nRequire stack:\n- here`), {
      code: 'MODULE_NOT_FOUND',
    });

  it('without it, says so and names the install command', () => {
    const lookup = findNativePackage((id) => {
      throw notFound(id);
    }, '1.2.3');
    expect(lookup).toMatchObject({ native: null, version: null });
    expect(lookup.reason).toBe('@recur/native is not installed');
    expect(lookup.fix).toMatch(/^npm install @recur\/native /);
    // Without the package, its own commands do not exist, so the error does not point at them.
    const error = new NativeUnavailableError(lookup.reason!, lookup.fix!, false);
    expect(error.message).toContain('in your app: npm install @recur/native');
    expect(error.message).not.toContain('npx @recur/native info');
  });

  it('refuses a different version (one version line for every recur package)', () => {
    const lookup = findNativePackage((id) => {
      if (id === '@recur/native/package.json') return { version: '0.9.0' };
      throw new Error(`unexpected ${id}`);
    }, '1.2.3');
    expect(lookup.native).toBeNull();
    expect(lookup.reason).toBe(
      '@recur/native 0.9.0 is installed, but @recur/tensor 1.2.3 needs the same version',
    );
    expect(lookup.fix).toBe('npm install @recur/native@1.2.3');
  });

  it('reports an installed package whose code cannot load, with the first line of the error', () => {
    const lookup = findNativePackage((id) => {
      if (id === '@recur/native/package.json') return { version: '1.2.3' };
      throw notFound('/somewhere/node_modules/@recur/native/dist/index.js');
    }, '1.2.3');
    expect(lookup.native).toBeNull();
    expect(lookup.reason).toBe(
      "@recur/native is installed but could not be loaded: Cannot find module '/somewhere/node_modules/@recur/native/dist/index.js'",
    );
  });

  it('finds the package of this repository', () => {
    const lookup = findNativePackage();
    expect(lookup.reason).toBeNull();
    expect(typeof lookup.native?.loadAddon).toBe('function');
  });
});

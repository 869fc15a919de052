import { afterEach, vi } from 'vitest';

/**
 * For tests of once-per-process state (the backend choice, the loaded addon): returns a function
 * that sets environment variables (`undefined` removes one) and imports a fresh copy of a module,
 * so its caches start empty. After each test the environment and mocks are put back.
 *
 * @example
 * ```ts
 * import { freshImporter } from '@recur/testing';
 * const freshTensor = freshImporter(() => import('@recur/tensor'));
 * // in a test: const tensor = await freshTensor({ RECUR_BACKEND: 'js' });
 * ```
 */
export function freshImporter<M>(
  load: () => Promise<M>,
): (environment: Record<string, string | undefined>) => Promise<M> {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    vi.restoreAllMocks();
    vi.resetModules();
  });
  return async (environment) => {
    for (const [key, value] of Object.entries(environment)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    vi.resetModules();
    return load();
  };
}

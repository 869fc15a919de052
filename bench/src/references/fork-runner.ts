import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REFERENCES_ROOT } from './bench-paths.js';
import type { RunnerReport } from './types.js';

/** What a forked runner sends back over its IPC channel. */
export type RunnerMessage = { ok: true; report: RunnerReport } | { ok: false; error: string };

/**
 * Forks a JavaScript runner (one config per process, so peak RSS is per row and runtimes do not
 * share a heap), passes `job` as JSON in argv[2] and resolves with the report it sends. stdout is
 * ignored: runtimes print banners there. `name` names the runner in errors.
 */
export function runForkedJob(
  name: string,
  runner: string,
  job: unknown,
  timeoutMs: number,
): Promise<RunnerReport> {
  return new Promise((resolve, reject) => {
    // execArgv: [] keeps a parent's loader flags (vitest) out of the child.
    const child = fork(runner, [JSON.stringify(job)], {
      execArgv: [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    let message: RunnerMessage | undefined;
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('message', (value) => {
      message = value as RunnerMessage;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (message?.ok) resolve(message.report);
      else if (message) reject(new Error(message.error));
      else {
        const detail = stderr.trim().split('\n').slice(-2).join(' | ').slice(0, 300);
        const how = signal ? `killed by ${signal}` : `exit code ${code}`;
        reject(new Error(`${name} runner ${how}: ${detail}`));
      }
    });
  });
}

/**
 * The runner `<base>.ts` beside this module as JavaScript. Compiled (dist/) it sits next to this
 * module; from sources (vitest) it is transpiled alone into the gitignored
 * references/<buildFolder>/build, which works because runners have no runtime relative imports.
 */
export async function runnerScript(base: string, buildFolder: string): Promise<string> {
  const here = fileURLToPath(import.meta.url);
  const compiled = join(dirname(here), `${base}.js`);
  if (!here.endsWith('.ts') && existsSync(compiled)) return compiled;
  const source = join(dirname(here), `${base}.ts`);
  const ts = (await import('typescript')).default;
  const output = ts.transpileModule(readFileSync(source, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: source,
  });
  const directory = join(REFERENCES_ROOT, buildFolder, 'build');
  mkdirSync(directory, { recursive: true });
  const target = join(directory, `${base}.js`);
  // Write then rename, so that a concurrent bench never forks a half-written file.
  writeFileSync(`${target}.${process.pid}`, output.outputText);
  renameSync(`${target}.${process.pid}`, target);
  return target;
}

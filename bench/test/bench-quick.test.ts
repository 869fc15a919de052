import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist', 'index.js');

// `npm run bench -- --quick` as CI runs it (npm test builds first): the harness works end to end
// and every number it reports is finite. No timing asserts. Once per npm test (the native pass).
describe.runIf(existsSync(dist) && process.env.RECUR_BACKEND !== 'js')(
  'npm run bench -- --quick',
  () => {
    it('measures recur and the references and writes finite results', () => {
      const child = spawnSync(process.execPath, [dist, '--quick'], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 16 << 20,
      });
      expect(child.status, child.stderr.slice(-2000)).toBe(0);
      expect(child.stdout).toContain('## Comparison');
      expect(child.stdout).toContain('## Like for like');
      const results = JSON.parse(readFileSync(join(root, 'results', 'latest-quick.json'), 'utf8'));
      expect(results.recurErrors).toEqual([]);
      expect(results.sgemmPeakGflops).toBeGreaterThan(0);
      const recur = results.recur as {
        config: string;
        mode: string;
        backend: string;
        msPerStep: number;
        samplesPerSecond: number;
        gflops: number;
        peakRssMb: number;
        pageFaultsPerStep: number;
        repetition: number;
      }[];
      expect(results.passes).toBe(1);
      for (const config of ['ts-small', 'stream-b1']) {
        expect(recur.some((r) => r.config === config && r.backend === 'native')).toBe(true);
        expect(recur.some((r) => r.config === config && r.backend === 'ts')).toBe(true);
      }
      for (const row of recur) {
        for (const value of [row.msPerStep, row.samplesPerSecond, row.gflops, row.peakRssMb]) {
          expect(Number.isFinite(value) && value > 0, JSON.stringify(row)).toBe(true);
        }
        expect(Number.isFinite(row.pageFaultsPerStep) && row.pageFaultsPerStep >= 0).toBe(true);
        expect(row.repetition).toBe(0);
      }
      for (const row of results.references.rows as {
        msPerStep: number;
        samplesPerSecond: number;
      }[]) {
        expect(Number.isFinite(row.msPerStep) && row.msPerStep > 0).toBe(true);
      }
    }, 240_000);
  },
);

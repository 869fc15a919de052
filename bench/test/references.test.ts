import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BENCH_CONFIGS,
  type BenchConfig,
  REFERENCE_NAMES,
  runReferences,
} from '../src/references/index.js';

const tsSmallLstm = BENCH_CONFIGS.filter(
  (config): config is BenchConfig => config.name === 'ts-small' && config.cell === 'lstm',
);
const temporary = mkdtempSync(join(tmpdir(), 'recur-references-'));

afterAll(() => rmSync(temporary, { recursive: true, force: true }));

// Tooling, not the library: measured once per `npm test` (in the native pass), not once per backend.
describe.skipIf(process.env.RECUR_BACKEND === 'js')('reference benchmarks', () => {
  it('lists the issue configs in order', () => {
    expect([...new Set(BENCH_CONFIGS.map((config) => config.name))]).toEqual([
      'ts-small',
      'charlm',
      'charlm-stacked',
      'charlm-bidirectional',
      'imdb',
      'large',
      'stream-b1',
    ]);
    expect(tsSmallLstm).toHaveLength(1);
  });

  it('gives finite positive rows for every available reference (quick, ts-small LSTM)', async () => {
    const result = await runReferences(tsSmallLstm, { quick: true });
    for (const row of result.rows) {
      expect(REFERENCE_NAMES).toContain(row.reference);
      expect(row.config).toBe('ts-small');
      expect(row.cell).toBe('lstm');
      expect(['train', 'infer']).toContain(row.mode);
      expect(Number.isInteger(row.threads) && row.threads >= 1).toBe(true);
      for (const value of [row.msPerStep, row.samplesPerSecond, row.microsecondsPerTimeStep]) {
        expect(Number.isFinite(value) && (value ?? 0) > 0).toBe(true);
      }
      if (row.peakRssMb !== undefined) expect(row.peakRssMb).toBeGreaterThan(0);
      // The runners that count page faults (oneDNN, ONNX Runtime) give a count per step.
      if (row.reference === 'onednn' || row.reference === 'onnxruntime')
        expect(row.pageFaultsPerStep! >= 0 && Number.isFinite(row.pageFaultsPerStep)).toBe(true);
      expect(row.samplesPerSecond).toBeCloseTo(64_000 / row.msPerStep, 6);
    }
    // Every reference either measured both modes or says why not.
    for (const reference of REFERENCE_NAMES) {
      const rows = result.rows.filter((row) => row.reference === reference);
      const skipped = result.skipped.filter((entry) => entry.reference === reference);
      if (rows.length === 0) expect(skipped.length).toBeGreaterThan(0);
      else {
        // ONNX Runtime's Node package has no training API: it is an inference reference.
        const modes = reference === 'onnxruntime' ? ['infer'] : ['train', 'infer'];
        expect(new Set(rows.map((row) => row.mode))).toEqual(new Set(modes));
      }
      for (const entry of skipped) expect(entry.reason.length).toBeGreaterThan(0);
    }
  }, 60_000);

  it('reports a missing Python or compiler as skipped instead of throwing', async () => {
    const result = await runReferences(tsSmallLstm, {
      quick: true,
      only: ['pytorch', 'onednn'],
      python: join(temporary, 'no-such-python'),
      compiler: join(temporary, 'no-such-g++'),
      onednnBuildDirectory: join(temporary, 'onednn-build'),
    });
    expect(result.rows).toEqual([]);
    expect(result.skipped.map((entry) => entry.reference).sort()).toEqual(['onednn', 'pytorch']);
    expect(result.skipped.find((entry) => entry.reference === 'pytorch')?.reason).toMatch(
      /no-such-python/,
    );
    expect(result.skipped.find((entry) => entry.reference === 'onednn')?.reason).toMatch(
      /no-such-g\+\+/,
    );
  });

  it('reports ONNX Runtime as skipped, with the command that installs it, when it is absent', async () => {
    const result = await runReferences(tsSmallLstm, {
      quick: true,
      only: ['onnxruntime'],
      onnxruntimeDirectory: join(temporary, 'no-onnxruntime'),
    });
    expect(result.rows).toEqual([]);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0].reason).toMatch(
      /onnxruntime-node not installed .*setup-references\.sh/,
    );
  });

  it('rejects unknown reference names', async () => {
    await expect(runReferences(tsSmallLstm, { quick: true, only: ['keras'] })).rejects.toThrow(
      /unknown reference/,
    );
  });
});

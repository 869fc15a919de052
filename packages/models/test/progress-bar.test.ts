import { ValueError } from '@recur/tensor';
import { describe, expect, it } from 'vitest';
import type { Logs } from '../src/callbacks/callback.js';
import {
  ProgressBarLogger,
  type ProgressBarLoggerOptions,
} from '../src/callbacks/progress-bar-logger.js';

/** A stream that keeps what is written. */
function capture(isTTY?: boolean, columns?: number) {
  const stream = {
    text: '',
    isTTY,
    columns,
    write(chunk: string) {
      stream.text += chunk;
      return true;
    },
  };
  return stream;
}

interface ScriptedEpoch {
  start: number;
  /** Clock (ms) and logs at each batch end. */
  batches: [number, Logs][];
  end: number;
  logs: Logs;
}

/** Two epochs of three batches: the first fast (ms per step), the second slow (seconds). */
const twoEpochs: ScriptedEpoch[] = [
  {
    start: 0,
    batches: [
      [100, { loss: 0.5 }],
      [150, { loss: 0.4 }],
      [200, { loss: 0.3 }],
    ],
    end: 260,
    logs: { loss: 0.3, val_loss: 0.5 },
  },
  {
    start: 10_000,
    batches: [
      [12_000, { loss: 0.25 }],
      [12_500, { loss: 0.22 }],
      [13_000, { loss: 0.2 }],
    ],
    end: 13_100,
    logs: { loss: 0.2, mae: 0.00012345, val_loss: 0.25 },
  },
];

/** Drives the logger as fit would, with the clock set before each hook. */
function run(
  options: ProgressBarLoggerOptions,
  epochs: ScriptedEpoch[],
  params: { steps: number | null; verbose: 0 | 1 | 2 } = { steps: 3, verbose: 1 },
): void {
  let clock = 0;
  const logger = new ProgressBarLogger({ ...options, now: () => clock });
  logger.setParams({
    epochs: epochs.length,
    steps: params.steps,
    verbose: params.verbose,
    metrics: ['loss', 'val_loss'],
  });
  logger.onTrainBegin({});
  epochs.forEach((epoch, index) => {
    clock = epoch.start;
    logger.onEpochBegin(index, {});
    epoch.batches.forEach(([time, logs], batch) => {
      clock = time;
      logger.onBatchBegin(batch, {});
      logger.onBatchEnd(batch, logs);
    });
    clock = epoch.end;
    logger.onEpochEnd(index, epoch.logs);
  });
  logger.onTrainEnd({});
}

const FULL_BAR = `[${'='.repeat(30)}]`;

describe('ProgressBarLogger without a TTY', () => {
  it('prints the epoch header and one line per epoch, without carriage returns', () => {
    const stream = capture();
    run({ stream, verbose: 1 }, twoEpochs);
    // Epoch 1: 0.26 s; per step (260 - 100) / 2 = 80 ms, the first step left out.
    // Epoch 2: 3.1 s; per step (13100 - 12000) / 2 = 550 ms; 0.00012345 prints in e notation.
    expect(stream.text).toBe(
      [
        'Epoch 1/2',
        `3/3 ${FULL_BAR} - 0s 80ms/step - loss: 0.3000 - val_loss: 0.5000`,
        'Epoch 2/2',
        `3/3 ${FULL_BAR} - 3s 550ms/step - loss: 0.2000 - mae: 1.2345e-04 - val_loss: 0.2500`,
        '',
      ].join('\n'),
    );
    expect(stream.text).not.toContain('\r');
    expect(stream.text).not.toContain('\x1b');
  });

  it('prints a progress line inside an epoch once plainUpdateSeconds have passed', () => {
    const stream = capture(false);
    const slow: ScriptedEpoch = {
      start: 0,
      batches: [
        [61_000, { batch: 0, size: 32, loss: 0.5 }],
        [62_000, { batch: 1, size: 32, loss: 0.4 }],
        [63_000, { batch: 2, size: 32, loss: 0.3 }],
      ],
      end: 63_000,
      logs: { loss: 0.3 },
    };
    run({ stream }, [slow]);
    // After batch 1 at 61 s: 61 s per step, 2 steps left -> ETA 122 s = 2:02. Batch 2 is within
    // 60 s of that line and batch 3 is the last, so only the epoch line follows. One epoch: no
    // header, as in Keras.
    expect(stream.text.split('\n')).toEqual([
      `1/3 [=========>....................] - ETA: 2:02 - loss: 0.5000`,
      `3/3 ${FULL_BAR} - 63s 1s/step - loss: 0.3000`,
      '',
    ]);
  });

  it('counts up to Unknown in the first epoch when steps are unknown, then knows them', () => {
    const stream = capture(false);
    run({ stream, plainUpdateSeconds: 0 }, twoEpochs, { steps: null, verbose: 1 });
    const lines = stream.text.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'Epoch 1/2',
      '      1/Unknown - 0s 100ms/step - loss: 0.5000',
      '      2/Unknown - 0s 50ms/step - loss: 0.4000',
      '      3/Unknown - 0s 50ms/step - loss: 0.3000',
      `3/3 ${FULL_BAR} - 0s 80ms/step - loss: 0.3000 - val_loss: 0.5000`,
    ]);
    // Second epoch: the bar knows 3 steps; after step 1 (2 s per step) 2 remain -> 4 s.
    expect(lines[6]).toBe('1/3 [=========>....................] - ETA: 4s - loss: 0.2500');
    expect(lines[7]).toBe('2/3 [===================>..........] - ETA: 0s - loss: 0.2200');
  });

  it('ends an epoch cut short at the batches actually run', () => {
    const stream = capture(false);
    const cut: ScriptedEpoch = {
      start: 0,
      batches: [[10, { loss: Number.NaN }]],
      end: 20,
      logs: { loss: Number.NaN },
    };
    run({ stream }, [cut]);
    expect(stream.text).toBe('1/3 [=========>....................] - 0s 20ms/step - loss: nan\n');
  });
});

describe('ProgressBarLogger verbose 2', () => {
  it('prints one line per epoch with time and logs', () => {
    const stream = capture(true);
    run({ stream, verbose: 2 }, twoEpochs);
    expect(stream.text).toBe(
      [
        'Epoch 1/2 - 0s - loss: 0.3000 - val_loss: 0.5000',
        'Epoch 2/2 - 3s - loss: 0.2000 - mae: 1.2345e-04 - val_loss: 0.2500',
        '',
      ].join('\n'),
    );
  });

  it("takes the fit's verbose when none is given", () => {
    const stream = capture(false);
    run({ stream }, twoEpochs, { steps: 3, verbose: 2 });
    expect(stream.text.split('\n')[0]).toBe('Epoch 1/2 - 0s - loss: 0.3000 - val_loss: 0.5000');
  });

  it('prints nothing with verbose 0', () => {
    const stream = capture(false);
    run({ stream, verbose: 0 }, twoEpochs);
    expect(stream.text).toBe('');
  });
});

describe('ProgressBarLogger on a TTY', () => {
  it('draws a live bar with the batch counter and ETA, then the full epoch line', () => {
    const stream = capture();
    run({ stream, isTTY: true }, twoEpochs);
    const firstEpoch = stream.text.slice(0, stream.text.indexOf('Epoch 2/2'));
    expect(firstEpoch.startsWith('Epoch 1/2\n')).toBe(true);
    // The first frame, drawn by cli-progress at the start of the line (CSI 1G), then cleared.
    expect(firstEpoch).toContain('\x1b[1G1/3 [=========>....................] - ETA: ');
    expect(firstEpoch).toMatch(/ - ETA: \d+s - loss: 0\.5000/);
    expect(firstEpoch).toContain('\x1b[2K');
    expect(
      firstEpoch.endsWith(`3/3 ${FULL_BAR} - 0s 80ms/step - loss: 0.3000 - val_loss: 0.5000\n`),
    ).toBe(true);
    // Cursor save/restore would misplace lines printed by other callbacks: filtered out.
    expect(stream.text).not.toContain('\x1b7');
    expect(stream.text).not.toContain('\x1b8');
    expect(stream.text.endsWith(' - mae: 1.2345e-04 - val_loss: 0.2500\n')).toBe(true);
  });

  it('trims the live line, not the epoch line, to the terminal width', () => {
    const stream = capture(true, 20);
    run({ stream }, [twoEpochs[0]]);
    expect(stream.text).toContain('\x1b[1G1/3 [=========>.....\x1b[0K');
    expect(stream.text).not.toContain('1/3 [=========>......');
    expect(stream.text.endsWith(' - val_loss: 0.5000\n')).toBe(true);
  });
});

describe('ProgressBarLogger options', () => {
  it('rejects bad options with typed errors', () => {
    expect(() => new ProgressBarLogger({ verbose: 3 as 1 })).toThrow(ValueError);
    expect(() => new ProgressBarLogger({ stream: {} as never })).toThrow(/write method/);
    expect(() => new ProgressBarLogger({ plainUpdateSeconds: -1 })).toThrow(/plainUpdateSeconds/);
    expect(() => new ProgressBarLogger({ isTTY: 'yes' as unknown as boolean })).toThrow(/isTTY/);
  });

  it('detects a TTY from the stream', () => {
    expect(new ProgressBarLogger({ stream: capture(true) }).isTTY).toBe(true);
    expect(new ProgressBarLogger({ stream: capture() }).isTTY).toBe(false);
  });
});

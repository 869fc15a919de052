import { Bidirectional, Dense, Embedding, GRU, LSTM, SimpleRNN } from '@recur/layers';
import { input, Model, Sequential } from '@recur/models';
import { describe, expect, it } from 'vitest';

function lines(model: Model): string[] {
  const out: string[] = [];
  model.summary((line) => out.push(line));
  return out;
}

function paramsOf(out: string[], layerName: string): number {
  const row = out.find((line) => line.includes(`${layerName} (`));
  if (!row) throw new Error(`no row for ${layerName}`);
  const cells = row.split('│').map((c) => c.trim());
  return Number(cells[3].replace(/,/g, ''));
}

describe('summary()', () => {
  it('param counts equal Keras formulas for Dense, Embedding, SimpleRNN, LSTM, GRU (both forms), Bidirectional', () => {
    const [V, E, H, D] = [50, 8, 16, 10];
    const model = new Sequential([
      new Embedding({ inputDim: V, outputDim: E, inputShape: [12], name: 'embedding' }),
      new SimpleRNN({ units: H, returnSequences: true, name: 'simple' }),
      new LSTM({ units: H, returnSequences: true, name: 'lstm' }),
      new GRU({ units: H, returnSequences: true, name: 'gru_after' }),
      new GRU({ units: H, returnSequences: true, resetAfter: false, name: 'gru_before' }),
      new Bidirectional({ layer: new LSTM({ units: H, name: 'inner' }), name: 'bidirectional' }),
      new Dense({ units: D, name: 'dense' }),
    ]);
    model.build([null, 12]);
    const out = lines(model);
    expect(paramsOf(out, 'embedding')).toBe(V * E);
    expect(paramsOf(out, 'simple')).toBe(H * (E + H) + H);
    expect(paramsOf(out, 'lstm')).toBe(4 * (H * (H + H) + H));
    expect(paramsOf(out, 'gru_after')).toBe(3 * (H * (H + H) + 2 * H));
    expect(paramsOf(out, 'gru_before')).toBe(3 * (H * (H + H) + H));
    expect(paramsOf(out, 'bidirectional')).toBe(2 * 4 * (H * (H + H) + H));
    expect(paramsOf(out, 'dense')).toBe(2 * H * D + D);
    const total =
      V * E +
      (H * (E + H) + H) +
      4 * (2 * H * H + H) +
      3 * (2 * H * H + 2 * H) +
      3 * (2 * H * H + H) +
      8 * (2 * H * H + H) +
      2 * H * D +
      D;
    expect(
      out.some((line) => line.startsWith(` Total params: ${total.toLocaleString('en-US')} (`)),
    ).toBe(true);
    expect(
      out.some((line) => line.startsWith(` Trainable params: ${total.toLocaleString('en-US')} (`)),
    ).toBe(true);
    expect(out).toContain(' Non-trainable params: 0 (0.00 B)');
    expect(out[0]).toBe(`Model: "${model.name}"`);
    expect(out.find((line) => line.includes('lstm (LSTM)'))).toContain('(None, 12, 16)');
    expect(out.find((line) => line.includes('bidirectional (Bidirectional)'))).toContain(
      '(None, 32)',
    );
  });

  it('functional models list inputs and what each layer is connected to; frozen layers count as non-trainable', () => {
    const x = input({ shape: [5, 3], name: 'series' });
    const encoder = new LSTM({ units: 4, name: 'encoder' });
    const head = new Dense({ units: 2, name: 'head' });
    const model = new Model({ inputs: x, outputs: head.apply(encoder.apply(x)) });
    head.trainable = false;
    const out = lines(model);
    expect(out.find((line) => line.includes('series (InputLayer)'))).toContain('(None, 5, 3)');
    expect(out.find((line) => line.includes('head (Dense)'))).toContain('encoder[0][0]');
    expect(out).toContain(
      ` Non-trainable params: ${(4 * 2 + 2).toLocaleString('en-US')} (40.00 B)`,
    );
  });
});

// Fits awaited together give what the same fits give one after the other, bit for bit: each fit
// shuffles with a generator of its own (its seed, or the next seed of its model's stream), and
// dropout masks come from each layer's own generator, so the interleaving of batches between
// concurrent fits changes nothing.
import { Dense, Dropout, LSTM } from '@recur/layers';
import { Sequential } from '@recur/models';
import { randomNormal, seed, type Tensor } from '@recur/tensor';
import { describeBackends } from '@recur/testing';
import { expect, it } from 'vitest';

function model(): Sequential {
  const built = new Sequential([
    new LSTM({ units: 8, inputShape: [5, 3], recurrentDropout: 0.2 }),
    new Dropout({ rate: 0.3 }),
    new Dense({ units: 2 }),
  ]);
  built.compile({ optimizer: 'adam', loss: 'mse' });
  return built;
}

const bits = (weights: Tensor[]) => weights.map((w) => Buffer.from(w.data.buffer).toString('hex'));

describeBackends('concurrent fits', () => {
  const x = randomNormal([40, 5, 3], { seed: 1 });
  const y = randomNormal([40, 2], { seed: 2 });
  const options = { epochs: 3, batchSize: 4, verbose: 0 as const, shuffle: true };

  async function pair(together: boolean, fitOptions: object): Promise<string[][]> {
    seed(7);
    const a = model();
    const b = model();
    if (together) await Promise.all([a.fit(x, y, fitOptions), b.fit(x, y, fitOptions)]);
    else {
      await a.fit(x, y, fitOptions);
      await b.fit(x, y, fitOptions);
    }
    return [bits(a.weights), bits(b.weights)];
  }

  it('two shuffled fits awaited together equal the same fits run one after the other', async () => {
    const sequential = await pair(false, options);
    const together = await pair(true, options);
    expect(together).toEqual(sequential);
    // Different models get different shuffles (the comparison is not trivially equal).
    expect(sequential[0]).not.toEqual(sequential[1]);
  });

  it('the same with an explicit seed per fit, and a second fit of a model continues its stream', async () => {
    const seeded = { ...options, seed: 123 };
    expect(await pair(true, seeded)).toEqual(await pair(false, seeded));
    seed(7);
    const again = model();
    await again.fit(x, y, options);
    const first = bits(again.weights);
    await again.fit(x, y, options);
    expect(bits(again.weights)).not.toEqual(first);
  });
});

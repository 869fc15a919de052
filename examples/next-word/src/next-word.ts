import { join } from 'node:path';
import { terminalChart, writeLineChart } from '@recur/examples-shared';
import {
  Dense,
  GRU,
  getBackend,
  LambdaCallback,
  LSTM,
  nextTokenWindows,
  oneHotSequences,
  type RecurrentLayer,
  Sequential,
  SimpleRNN,
  SparseCategoricalCrossentropy,
  seed,
  type Tensor,
  Tokenizer,
  tensor,
} from 'recurjs';

export interface NextWordOptions {
  /** Fewer epochs (for CI); every cell still learns the whole table. */
  quick?: boolean;
  /** fit's verbosity (default 0: the epochs are tiny, a bar per cell would only be noise). */
  verbose?: 0 | 1 | 2;
  log?: (line: string) => void;
  seed?: number;
  /** Where the loss chart goes (default 'out'). */
  outDir?: string;
}

/** One recurrent cell's run: its final training loss and its greedy prediction for every row. */
export interface CellResult {
  cell: 'SimpleRNN' | 'LSTM' | 'GRU';
  parameters: number;
  /** Cross-entropy (nats) over the seven rows after training. */
  finalLoss: number;
  /** The first epoch (1-based) after which every row is predicted right; null if never. */
  epochsToLearn: number | null;
  /** Training loss per epoch. */
  losses: number[];
  /** The most likely next word for each of the seven contexts, in table order. */
  predictions: string[];
  /** How many of the seven rows it predicts correctly. */
  correct: number;
  trainingSeconds: number;
}

export interface NextWordResults {
  backend: string;
  /** The seven `[context] -> next word` rows of the table. */
  table: { context: string[]; next: string }[];
  epochs: number;
  units: number;
  cells: CellResult[];
  files: string[];
}

export const SENTENCE = 'Mary had a little lamb whose fleece was white as snow';
/** Words of context per prediction. */
const WINDOW = 4;
const UNITS = 16;

const CELLS: { cell: CellResult['cell']; make: (inputShape: number[]) => RecurrentLayer }[] = [
  { cell: 'SimpleRNN', make: (inputShape) => new SimpleRNN({ units: UNITS, inputShape }) },
  { cell: 'LSTM', make: (inputShape) => new LSTM({ units: UNITS, inputShape }) },
  { cell: 'GRU', make: (inputShape) => new GRU({ units: UNITS, inputShape }) },
];

/** `["Mary","had","a","little"] -> "lamb"`: a row of the table as the seed prints it. */
export function formatRow(context: readonly string[], next: string): string {
  return `${JSON.stringify(context)} -> ${JSON.stringify(next)}`;
}

/**
 * The smallest language model there is: the eleven words of "Mary had a little lamb whose fleece
 * was white as snow" become seven running windows of four words, each followed by the word to
 * predict. The words are one-hot vectors (no Embedding), and SimpleRNN, LSTM and GRU cells of the
 * same width, trained for the same epochs from the same seed, are compared on their final loss and
 * on whether they reproduce the table.
 */
export async function runNextWord(options: NextWordOptions = {}): Promise<NextWordResults> {
  const log = options.log ?? console.log;
  const randomSeed = options.seed ?? 42;
  const epochs = options.quick ? 150 : 300;

  // Case is kept so the table reads like the sentence; there is no punctuation to filter.
  const tokenizer = new Tokenizer({ lower: false }).fitOnTexts([SENTENCE]);
  const ids = tokenizer.textsToSequences([SENTENCE])[0];
  const vocabularySize = tokenizer.vocabularySize; // 11 words + the padding index 0
  const windows = nextTokenWindows(ids, WINDOW);
  const x = oneHotSequences(windows.inputs, vocabularySize); // [7, 4, 12]
  const y = tensor(Int32Array.from(windows.targets), [windows.targets.length]);
  const word = (id: number) => tokenizer.indexWord.get(id) ?? '?';
  const table = windows.inputs.map((context, i) => ({
    context: context.map(word),
    next: word(windows.targets[i]),
  }));

  log(
    `recur next-word: "${SENTENCE}", ${table.length} windows of ${WINDOW} words, vocabulary ${vocabularySize - 1} words (one-hot, ${vocabularySize} columns with padding); backend ${getBackend()}`,
  );
  log('');
  for (const row of table) log(`  ${formatRow(row.context, row.next)}`);

  const cells: CellResult[] = [];
  for (const { cell, make } of CELLS) {
    // The same seed before each model: the three cells start from comparable draws.
    seed(randomSeed);
    const model = new Sequential([
      make([WINDOW, vocabularySize]),
      new Dense({ units: vocabularySize }),
    ]);
    model.compile({
      optimizer: { className: 'Adam', config: { learningRate: 0.01 } },
      loss: new SparseCategoricalCrossentropy({ fromLogits: true }),
    });
    const rowsRight = () => {
      const logits = model.predict(x) as Tensor;
      return windows.targets.filter((target, i) => argMaxRow(logits, i) === target).length;
    };
    let epochsToLearn: number | null = null;
    const watcher = new LambdaCallback({
      onEpochEnd: (epoch) => {
        if (epochsToLearn === null && rowsRight() === table.length) epochsToLearn = epoch + 1;
      },
    });
    const started = performance.now();
    // One batch of all seven rows: every step sees the whole (tiny) data set.
    const history = await model.fit(x, y, {
      epochs,
      batchSize: table.length,
      verbose: options.verbose ?? 0,
      callbacks: [watcher],
    });
    const trainingSeconds = (performance.now() - started) / 1000;
    const logits = model.predict(x) as Tensor;
    const predictions = table.map((_, i) => word(argMaxRow(logits, i)));
    const { loss } = await model.evaluate(x, y, { batchSize: table.length });
    cells.push({
      cell,
      parameters: model.countParams(),
      finalLoss: loss,
      epochsToLearn,
      losses: history.history.loss,
      predictions,
      correct: predictions.filter((p, i) => p === table[i].next).length,
      trainingSeconds,
    });
  }

  log('');
  log(`${epochs} epochs each, ${UNITS} units, Adam (learning rate 0.01), full batch:`);
  log(
    '  cell        params   final loss   rows right   all right at epoch   "Mary had a little" ->   time',
  );
  for (const result of cells)
    log(
      `  ${result.cell.padEnd(10)}  ${String(result.parameters).padStart(6)}   ${result.finalLoss.toFixed(4).padStart(10)}   ${`${result.correct}/${table.length}`.padStart(10)}   ${String(result.epochsToLearn ?? 'never').padStart(18)}   ${JSON.stringify(result.predictions[0]).padEnd(22)}   ${result.trainingSeconds.toFixed(2)} s`,
    );
  log('');
  log('training loss (log10) per epoch');
  log(
    terminalChart(
      cells.map((c) => c.losses.map(Math.log10)),
      { labels: cells.map((c) => c.cell), height: 10 },
    ),
  );
  log('');
  log("every row, with each cell's most likely next word:");
  for (const [i, row] of table.entries())
    log(
      `  ${formatRow(row.context, row.next).padEnd(52)} ${cells.map((c) => `${c.cell} ${JSON.stringify(c.predictions[i])}${c.predictions[i] === row.next ? '' : ' (wrong)'}`).join(', ')}`,
    );

  const lossPath = join(options.outDir ?? 'out', 'loss.svg');
  await writeLineChart(lossPath, {
    title: `Next-word training loss: SimpleRNN vs LSTM vs GRU (${UNITS} units, same seed)`,
    xTitle: 'epoch',
    yTitle: 'sparse categorical cross-entropy (nats)',
    logY: true,
    series: cells.map((c) => ({
      name: c.cell,
      points: c.losses.map((value, i) => ({ x: i + 1, y: value })),
    })),
  });
  log('');
  log(`wrote ${lossPath}`);

  return { backend: getBackend(), table, epochs, units: UNITS, cells, files: [lossPath] };
}

/** The index of the largest score in row `row` of a `[rows, classes]` tensor. */
function argMaxRow(scores: Tensor, row: number): number {
  const classes = scores.shape[1];
  const values = scores.data.subarray(row * classes, (row + 1) * classes);
  let best = 0;
  for (let k = 1; k < classes; k++) if (values[k] > values[best]) best = k;
  return best;
}

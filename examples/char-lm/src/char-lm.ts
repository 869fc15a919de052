import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { terminalChart, writeLineChart } from '@recur/examples-shared';
import { loadDataset } from '@recur/datasets';
import {
  cosineDecay,
  Dense,
  Embedding,
  GRU,
  generateSequence,
  getBackend,
  LSTM,
  Sequential,
  SparseCategoricalCrossentropy,
  seed,
  Tokenizer,
} from 'recurjs';
import { ngramBitsPerCharacter } from './baselines.js';
import { consecutiveWindows, randomWindowBatches } from './windows.js';

export interface CharLmOptions {
  /** A slice of the text, a small model and a few dozen steps (for CI); the loss still falls. */
  quick?: boolean;
  outDir?: string;
  /** fit's verbosity (default 1: the progress bar). */
  verbose?: 0 | 1 | 2;
  log?: (line: string) => void;
  seed?: number;
  /** Overrides of the full (or quick) budget, e.g. `{ steps: 3000 }` for a longer run. */
  budget?: Partial<CharLmBudget>;
}

/** What one run trains, and for how long. */
export interface CharLmBudget {
  /** Characters of tinyshakespeare used (null: all 1,115,394). */
  textCharacters: number | null;
  cell: 'LSTM' | 'GRU';
  embeddingSize: number;
  units: number;
  layers: number;
  steps: number;
  /** Steps between validation passes (one "epoch" of fit). */
  stepsPerEpoch: number;
  batchSize: number;
  /** Characters per training window (and per-step targets). */
  sequenceLength: number;
  /** Adam's peak learning rate (cosine decay to 5% of it over the run). */
  learningRate: number;
  sampleLength: number;
}

export const FULL_BUDGET: CharLmBudget = {
  textCharacters: null,
  cell: 'GRU',
  embeddingSize: 64,
  units: 256,
  layers: 2,
  steps: 1500,
  stepsPerEpoch: 100,
  batchSize: 64,
  sequenceLength: 100,
  learningRate: 0.005,
  sampleLength: 400,
};

export const QUICK_BUDGET: CharLmBudget = {
  textCharacters: 100_000,
  cell: 'GRU',
  embeddingSize: 32,
  units: 96,
  layers: 2,
  steps: 60,
  stepsPerEpoch: 20,
  batchSize: 16,
  sequenceLength: 50,
  learningRate: 0.02,
  sampleLength: 120,
};

export interface CharLmResults {
  backend: string;
  budget: CharLmBudget;
  parameters: number;
  /** Distinct characters of the corpus (the model scores these plus the unused padding index). */
  characters: number;
  trainCharacters: number;
  validationCharacters: number;
  trainingSeconds: number;
  /** Cross-entropies on the held-out tail, in nats per character. */
  validation: {
    initialLoss: number;
    finalLoss: number;
    /** ln(characters): a model that knows nothing. */
    uniformLoss: number;
    bitsPerCharacter: number;
    /** After each epoch. */
    history: number[];
  };
  /** Training loss (nats) per epoch, averaged over the epoch's steps. */
  trainingLoss: number[];
  /** Count-based models on the same held-out characters, in bits per character. */
  baselines: { unigram: number; bigram: number; trigram: number; fourgram: number };
  prompt: string;
  /** The prompt followed by the generated characters. */
  sample: string;
  files: string[];
}

const PROMPT = 'ROMEO:';
const SAMPLING = { temperature: 0.8, topK: 10 };

/**
 * A character-level language model on tinyshakespeare. The text becomes one id per character
 * (`Tokenizer({ level: 'char' })`); the last 10% is held out. The model (Embedding, two stacked GRUs
 * with `returnSequences`, Dense logits) reads random 100-character windows and is trained with sparse
 * categorical cross-entropy from logits to predict every next character, for a fixed number of
 * steps. The held-out cross-entropy is reported in bits per character (nats / ln 2) next to
 * count-based n-gram baselines, and text is sampled from "ROMEO:" with temperature 0.8, top-k 10.
 * Writes out/loss.svg, out/sample.txt, the model and the tokenizer.
 */
export async function runCharLm(options: CharLmOptions = {}): Promise<CharLmResults> {
  const log = options.log ?? console.log;
  const outDir = options.outDir ?? 'out';
  const budget = { ...(options.quick ? QUICK_BUDGET : FULL_BUDGET), ...options.budget };
  const randomSeed = options.seed ?? 42;
  seed(randomSeed);

  const corpus = loadDataset('tinyshakespeare');
  // The vocabulary is the whole corpus' (65 characters), so quick and full runs score the same
  // classes; case and punctuation are kept, they are part of the text to model.
  const tokenizer = new Tokenizer({ level: 'char', lower: false }).fitOnTexts([corpus]);
  const text = budget.textCharacters === null ? corpus : corpus.slice(0, budget.textCharacters);
  const ids = Int32Array.from(tokenizer.textsToSequences([text])[0]);
  const validationStart = ids.length - Math.round(ids.length * 0.1);
  const trainIds = ids.subarray(0, validationStart);
  const validationIds = ids.subarray(validationStart);
  const classes = tokenizer.vocabularySize; // the characters + the padding index 0
  const characters = classes - 1;
  const validation = consecutiveWindows(validationIds, budget.sequenceLength);

  log(
    `recur char-lm: tinyshakespeare${budget.textCharacters === null ? '' : ` (first ${text.length.toLocaleString('en')} characters)`}, ${characters} distinct characters, ${trainIds.length.toLocaleString('en')} for training, the last ${validationIds.length.toLocaleString('en')} held out; backend ${getBackend()}`,
  );
  const Cell = budget.cell === 'LSTM' ? LSTM : GRU;
  const model = new Sequential([
    // [null]: any length, so the same model scores 100-character windows and short prompts.
    new Embedding({ inputDim: classes, outputDim: budget.embeddingSize, inputShape: [null] }),
    ...Array.from(
      { length: budget.layers },
      () => new Cell({ units: budget.units, returnSequences: true }),
    ),
    new Dense({ units: classes }),
  ]);
  model.compile({
    optimizer: {
      className: 'Adam',
      config: {
        learningRate: cosineDecay({
          initialLearningRate: budget.learningRate,
          decaySteps: budget.steps,
          alpha: 0.05,
        }),
        // Backpropagation through 100 steps can still produce the odd exploding gradient.
        globalClipnorm: 1,
      },
    },
    loss: new SparseCategoricalCrossentropy({ fromLogits: true }),
  });
  model.summary(log);

  const evaluationBatch = 64;
  const initialLoss = (
    await model.evaluate(validation.x, validation.y, { batchSize: evaluationBatch })
  ).loss;
  const tokensPerStep = budget.batchSize * budget.sequenceLength;
  log(
    `budget: ${budget.steps} steps of ${budget.batchSize} random ${budget.sequenceLength}-character windows (${(budget.steps * tokensPerStep).toLocaleString('en')} predicted characters, ${((budget.steps * tokensPerStep) / trainIds.length).toFixed(1)} times the training text), Adam ${budget.learningRate} with cosine decay; validation every ${budget.stepsPerEpoch} steps`,
  );
  log(
    `initial validation loss ${initialLoss.toFixed(3)} nats (uniform over ${characters} characters: ${Math.log(characters).toFixed(3)})`,
  );

  const started = performance.now();
  const history = await model.fit(
    randomWindowBatches(trainIds, {
      steps: budget.sequenceLength,
      batchSize: budget.batchSize,
      seed: randomSeed,
    }),
    {
      epochs: budget.steps / budget.stepsPerEpoch,
      stepsPerEpoch: budget.stepsPerEpoch,
      validationData: [validation.x, validation.y],
      validationBatchSize: evaluationBatch,
      verbose: options.verbose ?? 1,
    },
  );
  const trainingSeconds = (performance.now() - started) / 1000;
  const validationHistory = history.history.val_loss;
  const finalLoss = validationHistory[validationHistory.length - 1];
  const bitsPerCharacter = finalLoss / Math.LN2;

  const baselines = {
    unigram: ngramBitsPerCharacter(trainIds, validationIds, 1, classes),
    bigram: ngramBitsPerCharacter(trainIds, validationIds, 2, classes),
    trigram: ngramBitsPerCharacter(trainIds, validationIds, 3, classes),
    fourgram: ngramBitsPerCharacter(trainIds, validationIds, 4, classes),
  };

  const promptIds = tokenizer.textsToSequences([PROMPT])[0];
  const generated = generateSequence(model, promptIds, {
    length: budget.sampleLength,
    ...SAMPLING,
    seed: randomSeed,
    // Contexts as long as the training windows: the state the model learned to use.
    window: budget.sequenceLength,
  });
  const sample = PROMPT + tokenizer.sequencesToTexts([generated])[0];

  log('');
  log(
    `held-out cross-entropy over ${validationIds.length.toLocaleString('en')} characters, in bits per character:`,
  );
  const modelName = `${budget.layers > 1 ? `${budget.layers} x ` : ''}${budget.cell} ${budget.units}`;
  const rows: [string, number][] = [
    [modelName, bitsPerCharacter],
    ['4-gram counts', baselines.fourgram],
    ['trigram counts', baselines.trigram],
    ['bigram counts', baselines.bigram],
    ['character frequencies', baselines.unigram],
    ['uniform', Math.log2(characters)],
  ];
  for (const [name, bits] of rows) log(`  ${name.padEnd(24)} ${bits.toFixed(3)}`);
  log(
    `  (the ${modelName}: ${finalLoss.toFixed(3)} nats per character; untrained, ${(initialLoss / Math.LN2).toFixed(3)} bits)`,
  );
  log(
    `  ${budget.steps} steps, training ${trainingSeconds.toFixed(1)} s (${((1000 * trainingSeconds) / budget.steps).toFixed(0)} ms per step, validation included) on ${getBackend()}`,
  );
  log('');
  // The untrained 6 bits would flatten the rest of the curve, so the chart starts after one epoch.
  log(`held-out bits per character after every ${budget.stepsPerEpoch} steps`);
  log(
    terminalChart([validationHistory.map((value) => value / Math.LN2)], {
      labels: ['validation'],
      height: 8,
    }),
  );
  log('');
  log(
    `sample (temperature ${SAMPLING.temperature}, top-k ${SAMPLING.topK}, seed ${randomSeed}), from "${PROMPT}":`,
  );
  log('');
  log(sample);

  const lossPath = join(outDir, 'loss.svg');
  const samplePath = join(outDir, 'sample.txt');
  const modelPath = join(outDir, 'model');
  const tokenizerPath = join(outDir, 'model', 'tokenizer.json');
  await writeLineChart(lossPath, {
    title: `Character-level ${modelName} on tinyshakespeare: cross-entropy per character`,
    xTitle: `training step (${tokensPerStep.toLocaleString('en')} characters each)`,
    yTitle: 'bits per character',
    series: [
      {
        name: 'training (mean over the epoch)',
        // An epoch's mean belongs to the middle of its steps.
        points: history.history.loss.map((y, i) => ({
          x: (i + 0.5) * budget.stepsPerEpoch,
          y: y / Math.LN2,
        })),
      },
      {
        name: 'validation (held-out last 10%)',
        points: [initialLoss, ...validationHistory].map((y, i) => ({
          x: i * budget.stepsPerEpoch,
          y: y / Math.LN2,
        })),
      },
      {
        name: '4-gram counts (validation)',
        dashed: true,
        points: [0, budget.steps].map((x) => ({ x, y: baselines.fourgram })),
      },
    ],
  });
  await writeFile(samplePath, `${sample}\n`);
  await model.save(modelPath);
  await writeFile(tokenizerPath, JSON.stringify(tokenizer));
  log('');
  log(`wrote ${lossPath}, ${samplePath}, and the model with its tokenizer in ${modelPath}/`);

  return {
    backend: getBackend(),
    budget,
    parameters: model.countParams(),
    characters,
    trainCharacters: trainIds.length,
    validationCharacters: validationIds.length,
    trainingSeconds,
    validation: {
      initialLoss,
      finalLoss,
      uniformLoss: Math.log(characters),
      bitsPerCharacter,
      history: validationHistory,
    },
    trainingLoss: history.history.loss,
    baselines,
    prompt: PROMPT,
    sample,
    files: [lossPath, samplePath, modelPath],
  };
}

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeLineChart } from '@recur/examples-shared';
import { loadDataset, type SentimentSource } from '@recur/datasets';
import {
  Bidirectional,
  Dense,
  EarlyStopping,
  Embedding,
  GRU,
  getBackend,
  LSTM,
  padSequences,
  Sequential,
  seed,
  type Tensor,
  Tokenizer,
  tensor,
  trainTestSplit,
} from 'recurjs';
import { trainBagOfWordsBaseline } from './bag-of-words-baseline.js';

export interface SentimentOptions {
  /** Fewer epochs and no early stopping (for CI); the bar still holds. */
  quick?: boolean;
  /** The recurrent cell inside Bidirectional (default 'lstm'). */
  cell?: 'lstm' | 'gru';
  outDir?: string;
  /** fit's verbosity (default 1: the progress bar). */
  verbose?: 0 | 1 | 2;
  log?: (line: string) => void;
  seed?: number;
}

export interface SentimentResults {
  backend: string;
  cell: 'lstm' | 'gru';
  trainSentences: number;
  testSentences: number;
  /** Embedding rows: the training vocabulary, plus padding and the unknown-word token. */
  vocabularySize: number;
  maxlen: number;
  testAccuracy: { recurrent: number; bagOfWords: number };
  /** The recurrent model's test accuracy per site the sentences come from. */
  testAccuracyBySource: Record<SentimentSource, number>;
  epochs: { recurrent: number; bagOfWords: number };
  trainingSeconds: { recurrent: number; bagOfWords: number };
  /** The recurrent model's P(positive) for a few sentences written for this example. */
  samples: { text: string; positive: number }[];
  files: string[];
}

/** Tokens kept per sentence: 95% of the sentences have at most 26 words, the longest 73. */
const MAXLEN = 40;
const TEST_FRACTION = 0.2;
/** The split is fixed whatever `seed` is, so every run is measured on the same 600 sentences. */
const SPLIT_SEED = 42;

const SAMPLE_SENTENCES = [
  'The battery lasts all day and the sound is great.',
  'It broke after two days and support never answered.',
  'Not bad at all, I would go back.',
  'I wanted to love this place but the food was cold.',
];

/**
 * Sentence sentiment on the 3,000 labelled review sentences (amazon, imdb, yelp; balanced).
 * A word-level Tokenizer fitted on the training 80% only turns sentences into index sequences
 * (unknown words map to `<unk>`, index 1), padded to 40 tokens with 0; Embedding(maskZero) makes
 * the padding invisible to a Bidirectional LSTM (or GRU), and Dense(1, sigmoid) gives
 * P(positive), trained with binary cross-entropy and early stopping on a validation tenth.
 * Compared on the held-out 20% with logistic regression on tf-idf bags of words. Writes
 * out/loss.svg, the model and the tokenizer (out/model/, out/tokenizer.json).
 */
export async function runSentiment(options: SentimentOptions = {}): Promise<SentimentResults> {
  const log = options.log ?? console.log;
  const outDir = options.outDir ?? 'out';
  const verbose = options.verbose ?? 1;
  const cell = options.cell ?? 'lstm';
  const seedValue = options.seed ?? 42;
  seed(seedValue);

  const { texts, labels, sources } = loadDataset('sentiment-sentences');
  const {
    train: [trainTexts, trainLabelArray],
    test: [testTexts, testLabelArray, testSources],
  } = trainTestSplit([texts, labels, sources], { testSize: TEST_FRACTION, seed: SPLIT_SEED });
  const column = (values: Int32Array) => tensor(Array.from(values), [values.length, 1]);
  const trainLabels = column(trainLabelArray);
  const testLabels = column(testLabelArray);

  // Fitted on the training sentences only: a test sentence's new words are <unk>, as they would
  // be for any sentence the model meets after deployment.
  const tokenizer = new Tokenizer({ oovToken: '<unk>' }).fitOnTexts(trainTexts);
  const trainSequences = tokenizer.textsToSequences(trainTexts);
  const testSequences = tokenizer.textsToSequences(testTexts);
  const pad = (sequences: number[][]) => padSequences(sequences, { maxlen: MAXLEN });
  const trainX = pad(trainSequences);
  const testX = pad(testSequences);
  log(
    `recur sentiment: ${texts.length} sentences, ${trainTexts.length} for training and ${testTexts.length} held out; vocabulary ${tokenizer.vocabularySize} (from the training split); backend ${getBackend()}`,
  );

  const Recurrent = cell === 'gru' ? GRU : LSTM;
  const model = new Sequential([
    new Embedding({
      inputDim: tokenizer.vocabularySize,
      outputDim: 32,
      maskZero: true,
      inputShape: [MAXLEN],
    }),
    new Bidirectional({ layer: new Recurrent({ units: 32 }) }),
    new Dense({ units: 1, activation: 'sigmoid' }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'binary_crossentropy', metrics: ['accuracy'] });
  model.summary(log);

  // Training accuracy reaches 99% within ten epochs while validation loss turns up after three
  // or four: early stopping picks the epoch, on a tenth of the training split.
  const stopper = new EarlyStopping({ monitor: 'val_loss', patience: 3, restoreBestWeights: true });
  const started = performance.now();
  const history = await model.fit(trainX, trainLabels, {
    epochs: options.quick ? 3 : 20,
    batchSize: 32,
    validationSplit: 0.1,
    callbacks: options.quick ? [] : [stopper],
    verbose,
  });
  const recurrentSeconds = (performance.now() - started) / 1000;
  const { accuracy: recurrentAccuracy } = await model.evaluate(testX, testLabels, { verbose: 0 });

  const probabilities = (model.predict(testX) as Tensor).data;
  const bySource = new Map<SentimentSource, { correct: number; total: number }>();
  testSources.forEach((source, i) => {
    const entry = bySource.get(source) ?? { correct: 0, total: 0 };
    entry.total++;
    if (probabilities[i] > 0.5 === (testLabelArray[i] === 1)) entry.correct++;
    bySource.set(source, entry);
  });
  const testAccuracyBySource = Object.fromEntries(
    [...bySource].sort(([a], [b]) => a.localeCompare(b)).map(([s, e]) => [s, e.correct / e.total]),
  ) as Record<SentimentSource, number>;

  const samplePredictions = (
    model.predict(pad(tokenizer.textsToSequences(SAMPLE_SENTENCES))) as Tensor
  ).data;
  const samples = SAMPLE_SENTENCES.map((text, i) => ({ text, positive: samplePredictions[i] }));

  log('');
  log('baseline: logistic regression on tf-idf bags of words');
  // Its own seed, so the baseline does not change with the recurrent model's training.
  seed(seedValue + 1);
  const baseline = await trainBagOfWordsBaseline({
    tokenizer,
    trainSequences,
    trainLabels,
    testSequences,
    testLabels,
    maxEpochs: options.quick ? 8 : 40,
    patience: options.quick ? 0 : 3,
    verbose,
  });

  const percent = (value: number) => `${(100 * value).toFixed(1)}%`;
  const recurrentName = `Bidirectional ${cell.toUpperCase()}`;
  log('');
  log(`test accuracy on ${testTexts.length} held-out sentences (chance: 50%):`);
  log(`  ${recurrentName.padEnd(30)}${percent(recurrentAccuracy)}`);
  log(`  ${'tf-idf bag of words'.padEnd(30)}${percent(baseline.testAccuracy)}`);
  log(
    `  by source (${recurrentName}): ${Object.entries(testAccuracyBySource)
      .map(([source, value]) => `${source} ${percent(value)}`)
      .join(', ')}`,
  );
  const recurrentEpochs = history.history.loss.length;
  log(
    `  ${recurrentName}: ${recurrentEpochs} epochs${options.quick ? '' : ` (best ${stopper.bestEpoch + 1})`}, ${recurrentSeconds.toFixed(1)} s; bag of words: ${baseline.epochs} epochs, ${baseline.trainingSeconds.toFixed(1)} s; backend ${getBackend()}`,
  );
  log('');
  log(`P(positive) from the ${recurrentName} for sentences it has never seen:`);
  for (const { text, positive } of samples) log(`  ${positive.toFixed(2)}  ${text}`);

  const lossPath = join(outDir, 'loss.svg');
  const modelPath = join(outDir, 'model');
  const tokenizerPath = join(outDir, 'tokenizer.json');
  await writeLineChart(lossPath, {
    title: `${recurrentName}: training and validation loss (binary cross-entropy)`,
    xTitle: 'epoch',
    yTitle: 'loss',
    logY: true,
    series: [
      { name: 'training', points: history.history.loss.map((y, i) => ({ x: i + 1, y })) },
      { name: 'validation', points: history.history.val_loss.map((y, i) => ({ x: i + 1, y })) },
    ],
  });
  await model.save(modelPath);
  await writeFile(tokenizerPath, JSON.stringify(tokenizer));
  log('');
  log(`wrote ${lossPath}, the model in ${modelPath}/ and ${tokenizerPath}`);

  return {
    backend: getBackend(),
    cell,
    trainSentences: trainTexts.length,
    testSentences: testTexts.length,
    vocabularySize: tokenizer.vocabularySize,
    maxlen: MAXLEN,
    testAccuracy: { recurrent: recurrentAccuracy, bagOfWords: baseline.testAccuracy },
    testAccuracyBySource,
    epochs: { recurrent: recurrentEpochs, bagOfWords: baseline.epochs },
    trainingSeconds: { recurrent: recurrentSeconds, bagOfWords: baseline.trainingSeconds },
    samples,
    files: [lossPath, modelPath, tokenizerPath],
  };
}

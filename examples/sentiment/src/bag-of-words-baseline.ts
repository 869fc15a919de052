import { bagOfWords, Dense, EarlyStopping, Sequential, type Tensor, type Tokenizer } from 'recurjs';

export interface BagOfWordsBaselineOptions {
  /** The tokenizer fitted on the training sentences (its document frequencies give the idf). */
  tokenizer: Tokenizer;
  trainSequences: number[][];
  trainLabels: Tensor;
  testSequences: number[][];
  testLabels: Tensor;
  maxEpochs: number;
  /** Early-stopping patience on the validation loss (0: train for maxEpochs). */
  patience: number;
  verbose: 0 | 1 | 2;
}

export interface BagOfWordsBaselineResults {
  testAccuracy: number;
  epochs: number;
  trainingSeconds: number;
}

/**
 * The baseline: logistic regression on tf-idf bags of words, `sigmoid(tfidf(x) . w + b)`. Word
 * order is thrown away, so whatever the recurrent model gains over it comes from reading the
 * sentence in order (negation, "not bad", contrast clauses). The idf comes from the training
 * sentences only, like the vocabulary.
 */
export async function trainBagOfWordsBaseline(
  options: BagOfWordsBaselineOptions,
): Promise<BagOfWordsBaselineResults> {
  const { tokenizer } = options;
  const tfidf = (sequences: number[][]) =>
    bagOfWords(sequences, tokenizer.vocabularySize, {
      mode: 'tfidf',
      documentCount: tokenizer.documentCount,
      documentFrequencies: tokenizer.indexDocs,
    });
  const trainX = tfidf(options.trainSequences);
  const testX = tfidf(options.testSequences);

  const model = new Sequential([
    new Dense({ units: 1, activation: 'sigmoid', inputShape: [tokenizer.vocabularySize] }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'binary_crossentropy', metrics: ['accuracy'] });
  const started = performance.now();
  const history = await model.fit(trainX, options.trainLabels, {
    epochs: options.maxEpochs,
    batchSize: 32,
    ...(options.patience > 0
      ? {
          validationSplit: 0.1,
          callbacks: [
            new EarlyStopping({
              monitor: 'val_loss',
              patience: options.patience,
              restoreBestWeights: true,
            }),
          ],
        }
      : {}),
    verbose: options.verbose,
  });
  const trainingSeconds = (performance.now() - started) / 1000;
  const { accuracy } = await model.evaluate(testX, options.testLabels, { verbose: 0 });
  return { testAccuracy: accuracy, epochs: history.history.loss.length, trainingSeconds };
}

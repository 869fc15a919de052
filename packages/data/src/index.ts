/**
 * `@recur/data`: everything between raw data and a recurrent model. Time series become supervised
 * windows (`timeseriesDataset`, `slidingWindows`), features get scaled (`MinMaxScaler`,
 * `StandardScaler`, `RobustScaler`), CSV files become typed columns (`readCsv`), text becomes
 * index sequences (`Tokenizer`), padded batches (`padSequences`), one-hot vectors and bags of
 * words, and `Dataset` streams, shuffles and batches `{ x, y }` examples for `fit`. The small
 * data sets recur's examples use are a package of their own, `@recur/datasets`.
 *
 * @module @recur/data
 * @packageDocumentation
 */
export type { TensorInput } from './internal/to-tensor.js';

export {
  type BatchOptions,
  Dataset,
  type Example,
  type ShuffleOptions,
} from './dataset/dataset.js';
export { type Batched, collate } from './dataset/collate.js';
export type { CsvRow, CsvRowsOptions } from './dataset/read-csv-rows.js';
export type { TextSource } from './dataset/read-lines.js';

export { type TimeseriesDatasetOptions, timeseriesDataset } from './windows/timeseries-dataset.js';
export {
  type SlidingWindowsOptions,
  slidingWindows,
  type Windows,
} from './windows/sliding-windows.js';

export { FeatureScaler, type ScalerJSON } from './scalers/feature-scaler.js';
export { MinMaxScaler } from './scalers/min-max-scaler.js';
export { StandardScaler, type StandardScalerOptions } from './scalers/standard-scaler.js';
export { RobustScaler, type RobustScalerOptions } from './scalers/robust-scaler.js';

export { type ReadCsvOptions, readCsv } from './csv/read-csv.js';
export { type CsvColumn, type CsvColumnKind, CsvTable } from './csv/csv-table.js';
export { CsvFormatError } from './csv/csv-format-error.js';
export type { CsvLayoutOptions } from './csv/csv-layout.js';

export {
  type SplitPart,
  type Splittable,
  type TrainTestSplit,
  type TrainTestSplitOptions,
  trainTestSplit,
} from './split/train-test-split.js';

export {
  DEFAULT_FILTERS,
  textToWordSequence,
  type WordSequenceOptions,
} from './text/text-to-word-sequence.js';
export {
  Tokenizer,
  type TokenizerJSON,
  type TokenizerOptions,
  type TokenizerText,
} from './text/tokenizer.js';
export { type PadSequencesOptions, padSequences } from './text/pad-sequences.js';
export { toCategorical } from './text/to-categorical.js';
export { oneHotSequences } from './text/one-hot-sequences.js';
export { type BagOfWordsMode, type BagOfWordsOptions, bagOfWords } from './text/bag-of-words.js';
export { type NextTokenWindows, nextTokenWindows } from './text/next-token-windows.js';

/**
 * `@recur/datasets`: the small, real data sets recur's examples and guides use (monthly CO2 at
 * Mauna Loa, tinyshakespeare, labelled review sentences), loaded by name with `loadDataset`. Each
 * keeps its own licence and attribution (`listDatasets`, and `datasets/README.md` in the package).
 * A package of its own so that `@recur/data` stays small.
 *
 * @module @recur/datasets
 * @packageDocumentation
 */
export {
  type BundledDatasets,
  type Co2Dataset,
  type DatasetInfo,
  type DatasetName,
  listDatasets,
  loadDataset,
  type SentimentSentences,
  type SentimentSource,
} from './load-dataset.js';

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { readCsv } from '@recur/data';
import { ValueError } from '@recur/tensor';

/** Monthly CO2 at Mauna Loa, from {@link loadDataset}('co2'). */
export interface Co2Dataset {
  /**
   * The first day of each month (midnight UTC), March 1958 to April 2020. Five months are missing
   * from the record (June and October 1958, February to April 1964): 741 rows, not 746. Windowed
   * models should use a gap-free stretch, such as everything from May 1964 on.
   */
  dates: Date[];
  /** CO2 in parts per million. */
  co2: Float64Array;
  /** CO2 with the seasonal cycle removed, in parts per million. */
  adjustedCo2: Float64Array;
}

/** Where a sentence of {@link loadDataset}('sentiment-sentences') comes from. */
export type SentimentSource = 'amazon' | 'imdb' | 'yelp';

/** Labelled review sentences, from {@link loadDataset}('sentiment-sentences'). */
export interface SentimentSentences {
  /** The sentences, with surrounding spaces trimmed. */
  texts: string[];
  /** 1 for positive, 0 for negative. */
  labels: Int32Array;
  /** The site of each sentence. */
  sources: SentimentSource[];
}

/** What each bundled data set loads as. */
export interface BundledDatasets {
  co2: Co2Dataset;
  tinyshakespeare: string;
  'sentiment-sentences': SentimentSentences;
}

/** The name of a bundled data set. */
export type DatasetName = keyof BundledDatasets;

/** What a bundled data set is, where it comes from and under which terms. */
export interface DatasetInfo {
  name: DatasetName;
  description: string;
  rows: string;
  source: string;
  licence: string;
}

const catalogue: readonly DatasetInfo[] = [
  {
    name: 'co2',
    description:
      'Monthly atmospheric CO2 at Mauna Loa Observatory, 1958-2020: date, CO2 and seasonally adjusted CO2 (ppm)',
    rows: '741 months',
    source:
      'Scripps CO2 Program (scrippsco2.ucsd.edu), as packaged in the npm package vega-datasets 3.2.1',
    licence: 'CC BY 4.0: attribute "Scripps CO2 Program"',
  },
  {
    name: 'tinyshakespeare',
    description:
      'Concatenated works of Shakespeare as plain text, the classic character-level corpus',
    rows: '1,115,394 characters (stored gzipped)',
    source: "the char-rnn project's data/tinyshakespeare/input.txt",
    licence: 'public domain',
  },
  {
    name: 'sentiment-sentences',
    description:
      'Review sentences labelled positive (1) or negative (0), 1,000 each from amazon, imdb and yelp, balanced',
    rows: '3,000 sentences',
    source:
      'Kotzias et al., "From Group to Individual Labels using Deep Features", KDD 2015 (UCI Machine Learning Repository)',
    licence: 'CC BY 4.0: cite the paper',
  },
];

// The data folder sits beside src/ and dist/, which hold this file at the same depth.
const folder = new URL('../datasets/', import.meta.url);

/**
 * The bundled data sets, with their source and licence (also in the package's datasets/README.md).
 *
 * @example
 * ```ts
 * import { listDatasets } from '@recur/datasets';
 * for (const { name, licence } of listDatasets()) console.log(name, licence);
 * ```
 */
export function listDatasets(): DatasetInfo[] {
  return catalogue.map((info) => ({ ...info }));
}

/**
 * Loads a small data set shipped with the package (see {@link listDatasets} for sources and
 * licences): 'co2' gives the dates and both CO2 columns (741 months), 'tinyshakespeare' the text
 * (1,115,394 characters, stored gzipped and decompressed here), 'sentiment-sentences'
 * `{ texts, labels, sources }` for 3,000 sentences (amazon, then imdb, then yelp).
 *
 * @example
 * ```ts
 * import { slidingWindows } from '@recur/data';
 * import { loadDataset } from '@recur/datasets';
 * const { co2 } = loadDataset('co2');
 * const { x, y } = slidingWindows(co2, { window: 12 }); // a year of months -> the next month
 * const text = loadDataset('tinyshakespeare');
 * const { texts, labels } = loadDataset('sentiment-sentences');
 * ```
 */
export function loadDataset<N extends DatasetName>(name: N): BundledDatasets[N] {
  const loaders: { [K in DatasetName]: () => BundledDatasets[K] } = {
    co2: loadCo2,
    tinyshakespeare: () =>
      gunzipSync(readFileSync(new URL('tinyshakespeare.txt.gz', folder))).toString('utf8'),
    'sentiment-sentences': loadSentiment,
  };
  if (typeof name !== 'string' || !Object.hasOwn(loaders, name))
    throw new ValueError(
      'loadDataset',
      `one of ${Object.keys(loaders)
        .map((n) => `'${n}'`)
        .join(', ')}`,
      typeof name === 'string' ? `'${name}'` : typeof name,
    );
  return loaders[name]();
}

function loadCo2(): Co2Dataset {
  const table = readCsv(new URL('co2-concentration.csv', folder), { parseDates: ['Date'] });
  return {
    dates: table.dates('Date'),
    co2: table.numbers('CO2'),
    adjustedCo2: table.numbers('adjusted CO2'),
  };
}

function loadSentiment(): SentimentSentences {
  const files: [SentimentSource, string][] = [
    ['amazon', 'amazon_cells_labelled.txt'],
    ['imdb', 'imdb_labelled.txt'],
    ['yelp', 'yelp_labelled.txt'],
  ];
  const texts: string[] = [];
  const labels: number[] = [];
  const sources: SentimentSource[] = [];
  for (const [source, file] of files) {
    const content = readFileSync(new URL(`sentiment-labelled-sentences/${file}`, folder), 'utf8');
    // Split on LF only: some imdb sentences contain U+0085 (NEL), which is not a line end here.
    for (const line of content.split('\n')) {
      if (line.trim() === '') continue;
      const tab = line.lastIndexOf('\t');
      texts.push(line.slice(0, tab).trim());
      labels.push(Number(line.slice(tab + 1)));
      sources.push(source);
    }
  }
  return { texts, labels: Int32Array.from(labels), sources };
}

import { join } from 'node:path';
import { terminalChart, writeLineChart } from '@recur/examples-shared';
import { loadDataset } from '@recur/datasets';
import {
  EarlyStopping,
  getBackend,
  seed,
  slidingWindows,
  StandardScaler,
  type Tensor,
} from 'recurjs';
import { seasonalNaive, seasonalNaiveWithDrift } from './baselines.js';
import { buildForecaster, FORECASTER_KINDS, type ForecasterKind } from './forecasters.js';
import { type HorizonErrors, horizonErrors } from './horizon-errors.js';

export interface TimeseriesMultistepOptions {
  /** One training run per model and fewer epochs (for CI); the bars still hold. */
  quick?: boolean;
  outDir?: string;
  /** fit's verbosity (default 0: one line per training run). */
  verbose?: 0 | 1 | 2;
  log?: (line: string) => void;
  /** The first run's seed; run k of every model uses `seed + k`. */
  seed?: number;
}

/** Every forecaster that is scored: the trained models and the two baselines without training. */
export type ForecasterName = ForecasterKind | 'seasonalNaiveWithDrift' | 'seasonalNaive';

/** How a model was trained: one entry per run (seed) in the per-run arrays. */
export interface TrainingRecord {
  parameters: number;
  /** Epochs each run trained for (early stopping ends most before the limit). */
  epochs: number[];
  /** The 1-based epoch whose weights each run kept (lowest validation loss). */
  bestEpochs: number[];
  /** The held-out RMSE over all horizons of each run alone, in ppm. */
  runErrors: number[];
  /** Training time of all runs together. */
  seconds: number;
}

export interface TimeseriesMultistepResults {
  backend: string;
  /** Months in the gap-free series used. */
  months: number;
  heldOutMonths: number;
  /** Forecast origins in the held-out tail; each one forecasts the next `horizon` months. */
  forecasts: number;
  horizon: number;
  /** Training runs averaged into each model's forecast. */
  runs: number;
  /** Held-out level errors in ppm per forecaster (a trained model: the mean forecast of its runs). */
  errors: Record<ForecasterName, HorizonErrors>;
  training: Record<ForecasterKind, TrainingRecord>;
  /** The last held-out year as forecast from the 24 months before it, in ppm. */
  lastYear: { months: string[]; actual: number[]; predicted: Record<ForecasterName, number[]> };
  trainingSeconds: number;
  files: string[];
}

/** Input months per window: two seasonal cycles. */
const WINDOW = 24;
/** Months predicted at once. */
const HORIZON = 12;
/** The held-out tail: the last eight years. */
const HELD_OUT_MONTHS = 96;
const UNITS = 32;
/** Quick mode: one short run per model. Full mode: five runs per model, averaged. */
const SCHEDULES = {
  quick: { runs: 1, epochs: 30, patience: 10 },
  full: { runs: 5, epochs: 200, patience: 25 },
};

const LABELS: Record<ForecasterName, string> = {
  SimpleRNN: 'SimpleRNN',
  GRU: 'GRU',
  LSTM: 'LSTM',
  Dense: 'Dense (flat window)',
  seasonalNaiveWithDrift: 'seasonal naive + drift',
  seasonalNaive: 'seasonal naive',
};
const NAMES: ForecasterName[] = [...FORECASTER_KINDS, 'seasonalNaiveWithDrift', 'seasonalNaive'];
/** Chart colours in the order of NAMES (the truth, when drawn, is black). */
const COLORS = ['#4c78a8', '#f58518', '#e45756', '#54a24b', '#9d755d', '#b279a2'];

const monthLabel = (date: Date) => date.toISOString().slice(0, 7);
const monthIndex = (date: Date) => date.getUTCFullYear() * 12 + date.getUTCMonth();
const range = (values: readonly number[], digits: number) =>
  values.length === 1
    ? values[0].toFixed(digits)
    : `${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)}`;

/**
 * Multivariate, direct multi-step forecasting of Mauna Loa CO2. From the last 24 months of four
 * features (the monthly change of CO2, the monthly change of the seasonally adjusted CO2, and the
 * sine and cosine of the calendar month), every model predicts the next 12 months in one shot, as
 * the rise of each of them over the last observed month. SimpleRNN, GRU and LSTM models are
 * compared with a Dense network on the flattened window and with two seasonal naive forecasts,
 * by RMSE in ppm per months ahead over every forecast origin of the held-out last eight years.
 * Full mode trains every model from five seeds and scores the mean forecast (single runs vary
 * more with the seed than the architectures differ). Writes out/rmse-by-horizon.svg and
 * out/last-year.svg.
 */
export async function runTimeseriesMultistep(
  options: TimeseriesMultistepOptions = {},
): Promise<TimeseriesMultistepResults> {
  const log = options.log ?? console.log;
  const outDir = options.outDir ?? 'out';
  const firstSeed = options.seed ?? 42;
  const verbose = options.verbose ?? 0;
  const schedule = options.quick ? SCHEDULES.quick : SCHEDULES.full;

  // Windows assume one step per month, so start after the last missing month (in 1964).
  const data = loadDataset('co2');
  let start = 0;
  for (let t = 1; t < data.dates.length; t++)
    if (monthIndex(data.dates[t]) - monthIndex(data.dates[t - 1]) !== 1) start = t;
  const dates = data.dates.slice(start);
  const level = Array.from(data.co2.subarray(start));
  const adjusted = Array.from(data.adjustedCo2.subarray(start));
  const total = level.length;
  const testStart = total - HELD_OUT_MONTHS;

  // Row k describes month k + 1: the changes into it (stationary, unlike the rising levels; the
  // adjusted one is the trend without the seasonal swing) and where it sits in the year.
  const rows = level.slice(1).map((value, k) => {
    const angle = (2 * Math.PI * dates[k + 1].getUTCMonth()) / 12;
    return [value - level[k], adjusted[k + 1] - adjusted[k], Math.sin(angle), Math.cos(angle)];
  });
  const features = rows[0].length;

  // Window i reads rows [i, i + WINDOW), months i + 1 .. origin where origin = i + WINDOW, and its
  // targets are the changes (column 0, in ppm) into months origin + 1 .. origin + HORIZON.
  const windows = slidingWindows(rows, { window: WINDOW, horizon: HORIZON, targetColumns: [0] });
  const windowCount = windows.x.shape[0];
  // Training targets end before the held-out tail; the held-out forecasts start inside it.
  const trainCount = testStart - HORIZON - WINDOW;
  const firstTest = testStart - 1 - WINDOW;
  const testCount = windowCount - firstTest;
  const origins = Array.from({ length: testCount }, (_, i) => firstTest + i + WINDOW);
  const actual = origins.map((origin) => level.slice(origin + 1, origin + 1 + HORIZON));

  // Running sums of the monthly changes: the rise of each coming month over the origin month.
  // Fitting these makes the training loss the squared error of the forecast levels, so an error
  // in the growth rate counts as much as it does in ppm twelve months on.
  const changes = windows.y.data;
  const rises = Array.from({ length: windowCount }, (_, i) => {
    let sum = 0;
    return Array.from({ length: HORIZON }, (_, h) => (sum += changes[i * HORIZON + h]));
  });
  // Statistics from the training period only.
  const featureScaler = new StandardScaler().fit(rows.slice(0, testStart - 1));
  // One scale for all horizons (not one per horizon), so the loss stays proportional to the
  // squared error in ppm and a year-ahead miss weighs what it costs.
  const riseScaler = new StandardScaler().fit(rises.slice(0, trainCount).flat());
  const x = featureScaler.transform(windows.x);
  const y = riseScaler.transform(rises.flat()).reshape([windowCount, HORIZON]);
  const trainX = x.slice([0], [trainCount]);
  const trainY = y.slice([0], [trainCount]);
  const testX = x.slice([firstTest], [testCount]);

  log(
    `recur timeseries-multistep: ${total} months (${monthLabel(dates[0])} to ${monthLabel(dates[total - 1])}), ` +
      `${features} features, ${WINDOW} months in, ${HORIZON} months out; ${trainCount} training windows, ` +
      `${testCount} held-out forecasts; ${schedule.runs} run(s) per model; backend ${getBackend()}`,
  );

  const predictions = {} as Record<ForecasterName, number[][]>;
  const training = {} as Record<ForecasterKind, TrainingRecord>;
  for (const kind of FORECASTER_KINDS) {
    const record: TrainingRecord = {
      parameters: 0,
      epochs: [],
      bestEpochs: [],
      runErrors: [],
      seconds: 0,
    };
    const sum = origins.map(() => new Array<number>(HORIZON).fill(0));
    for (let run = 0; run < schedule.runs; run++) {
      // Run k of every model starts from the same random state, whatever the order.
      seed(firstSeed + run);
      const model = buildForecaster(kind, {
        window: WINDOW,
        features,
        horizon: HORIZON,
        units: UNITS,
      });
      model.compile({
        optimizer: { className: 'Adam', config: { learningRate: 0.003 } },
        loss: 'mse',
      });
      const stopper = new EarlyStopping({
        monitor: 'val_loss',
        patience: schedule.patience,
        restoreBestWeights: true,
      });
      const started = performance.now();
      const history = await model.fit(trainX, trainY, {
        epochs: schedule.epochs,
        batchSize: 32,
        validationSplit: 0.1,
        callbacks: [stopper],
        verbose,
      });
      const seconds = (performance.now() - started) / 1000;
      const predictedRises = riseScaler.inverseTransform(
        (model.predict(testX) as Tensor).reshape([testCount * HORIZON]),
      ).data;
      const forecasts = origins.map((origin, i) =>
        Array.from({ length: HORIZON }, (_, h) => level[origin] + predictedRises[i * HORIZON + h]),
      );
      forecasts.forEach((row, i) => {
        for (let h = 0; h < HORIZON; h++) sum[i][h] += row[h];
      });
      record.parameters = model.countParams();
      record.epochs.push(history.history.loss.length);
      record.bestEpochs.push(stopper.bestEpoch + 1);
      record.runErrors.push(horizonErrors(actual, forecasts).overall);
      record.seconds += seconds;
      log(
        `  ${LABELS[kind]} run ${run + 1}/${schedule.runs}: ${history.history.loss.length} epochs ` +
          `(best ${stopper.bestEpoch + 1}), ${seconds.toFixed(1)} s, held-out RMSE ${record.runErrors[run].toFixed(3)} ppm`,
      );
    }
    predictions[kind] = sum.map((row) => row.map((value) => value / schedule.runs));
    training[kind] = record;
  }
  predictions.seasonalNaiveWithDrift = origins.map((origin) =>
    seasonalNaiveWithDrift(level, origin, HORIZON),
  );
  predictions.seasonalNaive = origins.map((origin) => seasonalNaive(level, origin, HORIZON));
  const errors = Object.fromEntries(
    NAMES.map((name) => [name, horizonErrors(actual, predictions[name])]),
  ) as Record<ForecasterName, HorizonErrors>;
  const trainingSeconds = FORECASTER_KINDS.reduce((sum, kind) => sum + training[kind].seconds, 0);

  // The table: a few horizons, the first quarter and the whole year pooled, the spread of runs.
  const shown = [1, 2, 3, 6, 9, 12];
  const cell = (text: string, width: number) => text.padStart(width);
  log('');
  log(
    `held-out RMSE in ppm by months ahead: ${testCount} forecasts of ${HORIZON} months, ` +
      `${monthLabel(dates[origins[0] + 1])} to ${monthLabel(dates[total - 1])}` +
      (schedule.runs > 1 ? ` (models: the mean of ${schedule.runs} runs)` : ''),
  );
  log(
    `  ${'model'.padEnd(23)}${shown.map((h) => cell(`${h}`, 6)).join('')}${cell('1-3', 7)}${cell('all', 7)}${schedule.runs > 1 ? cell('single runs', 13) : ''}`,
  );
  for (const name of NAMES) {
    const { byHorizon, firstQuarter, overall } = errors[name];
    const record = name in training ? training[name as ForecasterKind] : null;
    log(
      `  ${LABELS[name].padEnd(23)}${shown.map((h) => cell(byHorizon[h - 1].toFixed(2), 6)).join('')}` +
        `${cell(firstQuarter.toFixed(3), 7)}${cell(overall.toFixed(3), 7)}` +
        (record && schedule.runs > 1 ? cell(range(record.runErrors, 3), 13) : ''),
    );
  }
  log(
    `  trained ${FORECASTER_KINDS.map((kind) => `${LABELS[kind]} ${training[kind].parameters} parameters, ${range(training[kind].epochs, 0)} epochs`).join('; ')}`,
  );
  log(`  training took ${trainingSeconds.toFixed(1)} s in all on ${getBackend()}`);

  // The last held-out year, forecast in one shot from the 24 months before it.
  const last = origins.length - 1;
  const contextStart = origins[last] - WINDOW + 1;
  const context = level.slice(contextStart, origins[last] + 1);
  const lastYear = {
    months: actual[last].map((_, h) => monthLabel(dates[origins[last] + 1 + h])),
    actual: actual[last],
    predicted: Object.fromEntries(NAMES.map((name) => [name, predictions[name][last]])) as Record<
      ForecasterName,
      number[]
    >,
  };
  log('');
  // The year before it as a lead-in (the terminal chart needs series of equal length).
  const leadIn = context.slice(-HORIZON);
  log(
    `the last held-out year (${lastYear.months[0]} to ${lastYear.months[HORIZON - 1]}) after the year before it, the forecasts drawn under the truth`,
  );
  log(
    terminalChart(
      [
        ...FORECASTER_KINDS.map((kind) => [...leadIn, ...lastYear.predicted[kind]]),
        [...leadIn, ...lastYear.actual],
      ],
      { labels: [...FORECASTER_KINDS.map((kind) => LABELS[kind]), 'actual'], height: 10 },
    ),
  );

  const horizonPath = join(outDir, 'rmse-by-horizon.svg');
  const lastYearPath = join(outDir, 'last-year.svg');
  // Seasonal naive (about 2.6 ppm at every horizon) is left off so the close lines stay apart.
  const charted = NAMES.filter((name) => name !== 'seasonalNaive');
  await writeLineChart(horizonPath, {
    title: `Held-out RMSE by months ahead (${testCount} forecasts of ${HORIZON} months, ${monthLabel(dates[origins[0] + 1])} to ${monthLabel(dates[total - 1])}; seasonal naive: ${errors.seasonalNaive.overall.toFixed(1)})`,
    xTitle: 'months ahead',
    yTitle: 'RMSE (ppm)',
    yFromZero: true,
    colors: COLORS.slice(0, charted.length),
    series: charted.map((name) => ({
      name: LABELS[name],
      dashed: !(name in training),
      points: errors[name].byHorizon.map((value, h) => ({ x: h + 1, y: value })),
    })),
  });
  const forecastDates = lastYear.months.map((month) => new Date(`${month}-01T00:00:00Z`));
  await writeLineChart(lastYearPath, {
    title: `The last held-out year, forecast in one shot from the ${WINDOW} months before it`,
    xTitle: 'month',
    yTitle: 'CO2 (ppm)',
    colors: ['#222222', ...COLORS],
    series: [
      {
        name: 'actual',
        points: [...context, ...lastYear.actual].map((value, t) => ({
          x: dates[contextStart + t],
          y: value,
        })),
      },
      ...NAMES.map((name) => ({
        name: LABELS[name],
        dashed: !(name in training),
        points: lastYear.predicted[name].map((value, h) => ({ x: forecastDates[h], y: value })),
      })),
    ],
  });
  log('');
  log(`wrote ${horizonPath} and ${lastYearPath}`);

  return {
    backend: getBackend(),
    months: total,
    heldOutMonths: HELD_OUT_MONTHS,
    forecasts: testCount,
    horizon: HORIZON,
    runs: schedule.runs,
    errors,
    training,
    lastYear,
    trainingSeconds,
    files: [horizonPath, lastYearPath],
  };
}

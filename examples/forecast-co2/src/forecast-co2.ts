import { writeLineChart, terminalChart } from '@recur/examples-shared';
import { loadDataset } from '@recur/datasets';
import {
  Dense,
  EarlyStopping,
  forecast,
  getBackend,
  LSTM,
  Sequential,
  seed,
  slidingWindows,
  StandardScaler,
  type Tensor,
} from 'recurjs';
import { join } from 'node:path';
import { rmse, seasonalNaive, trendAndSeasonality } from './baselines.js';

export interface ForecastCo2Options {
  /** Fewer epochs (for CI); the bars still hold. */
  quick?: boolean;
  outDir?: string;
  /** fit's verbosity (default 1: the progress bar). */
  verbose?: 0 | 1 | 2;
  log?: (line: string) => void;
  seed?: number;
}

export interface ForecastCo2Results {
  backend: string;
  heldOutMonths: number;
  rmse: { lstm: number; seasonalNaive: number; trendAndSeasonality: number };
  epochs: number;
  trainingSeconds: number;
  future: { month: string; ppm: number }[];
  files: string[];
}

/** Input months per prediction. */
const WINDOW = 24;
const FUTURE_MONTHS = 24;

const monthLabel = (date: Date) => date.toISOString().slice(0, 7);

/**
 * The main demo. Mauna Loa monthly CO2 (1958-2020): an LSTM predicts next month's change from the
 * previous 24 months' changes (first differences are stationary, so the model never has to
 * extrapolate the rising level), trained with a validation split and early stopping; the held-out
 * last 10% is predicted one month ahead and compared, in ppm, with the seasonal-naive forecast
 * (the value a year earlier) and a least-squares quadratic trend plus monthly profile; then 24
 * months are forecast recursively. Writes out/forecast.svg, out/loss.svg and the model.
 */
export async function runForecastCo2(
  options: ForecastCo2Options = {},
): Promise<ForecastCo2Results> {
  const log = options.log ?? console.log;
  const outDir = options.outDir ?? 'out';
  seed(options.seed ?? 42);

  const record = loadDataset('co2');
  // The record misses five months (1958, 1964); windows must not straddle a gap, so the model uses
  // the regular stretch after the last one (May 1964 on).
  const monthIndex = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();
  let start = 0;
  for (let i = 1; i < record.dates.length; i++) {
    const gap = monthIndex(record.dates[i]) - monthIndex(record.dates[i - 1]) !== 1;
    if (gap) start = i;
  }
  const dates = record.dates.slice(start);
  const series = Array.from(record.co2.subarray(start));
  const total = series.length;
  const testStart = total - Math.round(total * 0.1);
  // changes[k] = series[k + 1] - series[k]: the change into month k + 1.
  const changes = series.slice(1).map((value, k) => value - series[k]);
  const scaler = new StandardScaler().fit(changes.slice(0, testStart - 1));
  const scaled = Array.from(scaler.transform(changes).data);
  // Window i covers changes [i, i + WINDOW) and predicts the change into month i + WINDOW + 1.
  const { x, y } = slidingWindows(scaled, { window: WINDOW });
  const firstTestWindow = testStart - WINDOW - 1;
  const windowCount = x.shape[0];
  const trainX = x.slice([0], [firstTestWindow]);
  const trainY = y.slice([0], [firstTestWindow]);
  const testX = x.slice([firstTestWindow], [windowCount - firstTestWindow]);

  log(
    `recur forecast-co2: ${total} months (${monthLabel(dates[0])} to ${monthLabel(dates[total - 1])}), held out the last ${total - testStart} months; backend ${getBackend()}`,
  );
  const model = new Sequential([
    new LSTM({ units: 32, inputShape: [WINDOW, 1] }),
    new Dense({ units: 1 }),
  ]);
  model.compile({ optimizer: { className: 'Adam', config: { learningRate: 0.003 } }, loss: 'mse' });
  model.summary(log);

  const started = performance.now();
  const stopper = new EarlyStopping({
    monitor: 'val_loss',
    patience: options.quick ? 5 : 15,
    restoreBestWeights: true,
  });
  const history = await model.fit(trainX, trainY, {
    epochs: options.quick ? 15 : 150,
    batchSize: 32,
    validationSplit: 0.1,
    callbacks: [stopper],
    verbose: options.verbose ?? 1,
  });
  const trainingSeconds = (performance.now() - started) / 1000;

  // One month ahead on the held-out months: last month's true value plus the predicted change.
  const predictedChanges = Array.from(scaler.inverseTransform(model.predict(testX) as Tensor).data);
  const actual = series.slice(testStart);
  const lstm = actual.map((_, i) => series[testStart + i - 1] + predictedChanges[i]);
  const naive = seasonalNaive(series, testStart);
  const months = dates.map((d) => d.getUTCMonth());
  const regression = trendAndSeasonality(series, testStart, months);
  const errors = {
    lstm: rmse(actual, lstm),
    seasonalNaive: rmse(actual, naive),
    trendAndSeasonality: rmse(actual, regression),
  };

  // 24 months ahead, recursively: each predicted change feeds the next window.
  const futureChanges = forecast(model, scaled.slice(-WINDOW), FUTURE_MONTHS).map((row) => row[0]);
  const unscaled = Array.from(scaler.inverseTransform(futureChanges).data);
  const future: { month: string; ppm: number }[] = [];
  let level = series[total - 1];
  const last = dates[total - 1];
  unscaled.forEach((change, i) => {
    level += change;
    future.push({
      month: monthLabel(new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + i + 1, 1))),
      ppm: level,
    });
  });

  log('');
  log(`held-out RMSE over ${actual.length} months (one month ahead), in ppm:`);
  log(`  LSTM                          ${errors.lstm.toFixed(3)}`);
  log(`  seasonal naive (a year ago)   ${errors.seasonalNaive.toFixed(3)}`);
  log(`  quadratic trend + seasonality ${errors.trendAndSeasonality.toFixed(3)}`);
  log(
    `  epochs ${history.history.loss.length} (best ${stopper.bestEpoch + 1}), training ${trainingSeconds.toFixed(1)} s on ${getBackend()}`,
  );
  log('');
  log('held-out months: seasonal naive, LSTM, actual (drawn last, on top)');
  log(
    terminalChart([naive, lstm, actual], {
      labels: ['seasonal naive', 'LSTM', 'actual'],
      height: 10,
    }),
  );
  log('');
  log(
    `the last five years and the next ${FUTURE_MONTHS} months (forecast from ${future[0].month})`,
  );
  log(
    terminalChart([[...series.slice(-60), ...future.map((f) => f.ppm)]], {
      labels: ['CO2 ppm, then forecast'],
      height: 8,
    }),
  );

  const forecastPath = join(outDir, 'forecast.svg');
  const lossPath = join(outDir, 'loss.svg');
  const modelPath = join(outDir, 'model');
  // From 2000 on, so the held-out years and the forecast are not squeezed into the right edge.
  const chartStart = dates.findIndex((d) => d.getUTCFullYear() >= 2000);
  await writeLineChart(forecastPath, {
    title:
      'Mauna Loa CO2 since 2000: LSTM one month ahead on held-out data, then 24 months forecast',
    xTitle: 'month',
    yTitle: 'CO2 (ppm)',
    colors: ['#4c78a8', '#222222', '#e45756', '#54a24b'],
    series: [
      {
        name: 'history',
        points: series
          .slice(chartStart, testStart)
          .map((y, t) => ({ x: dates[chartStart + t], y })),
      },
      { name: 'held-out truth', points: actual.map((y, i) => ({ x: dates[testStart + i], y })) },
      {
        name: 'LSTM (one month ahead)',
        points: lstm.map((y, i) => ({ x: dates[testStart + i], y })),
      },
      {
        name: `forecast (${FUTURE_MONTHS} months)`,
        dashed: true,
        points: future.map((f) => ({ x: new Date(`${f.month}-01T00:00:00Z`), y: f.ppm })),
      },
    ],
  });
  await writeLineChart(lossPath, {
    title: 'Training and validation loss (MSE of the scaled monthly change)',
    xTitle: 'epoch',
    yTitle: 'loss',
    logY: true,
    series: [
      { name: 'training', points: history.history.loss.map((y, i) => ({ x: i + 1, y })) },
      { name: 'validation', points: history.history.val_loss.map((y, i) => ({ x: i + 1, y })) },
    ],
  });
  await model.save(modelPath);
  log('');
  log(`wrote ${forecastPath}, ${lossPath} and the model in ${modelPath}/`);

  return {
    backend: getBackend(),
    heldOutMonths: actual.length,
    rmse: errors,
    epochs: history.history.loss.length,
    trainingSeconds,
    future,
    files: [forecastPath, lossPath, modelPath],
  };
}

import { Dense, Flatten, GRU, LSTM, Sequential, SimpleRNN } from 'recurjs';

/** The trained models, in the order they are reported. */
export const FORECASTER_KINDS = ['SimpleRNN', 'GRU', 'LSTM', 'Dense'] as const;
export type ForecasterKind = (typeof FORECASTER_KINDS)[number];

/** The shape of the problem every forecaster is built for. */
export interface ForecasterShape {
  /** Input months per window. */
  window: number;
  /** Input features per month. */
  features: number;
  /** Months predicted at once (the output width). */
  horizon: number;
  /** Width of the hidden layer: the recurrent state, or the Dense baseline's hidden layer. */
  units: number;
}

/**
 * A direct multi-output forecaster: `[batch, window, features]` in, all `horizon` steps out at
 * once as `[batch, horizon]`. The recurrent models read the window month by month and a linear
 * head maps the final state to the whole year; the Dense baseline sees the same window flattened
 * into one vector, so it has no notion of order but as many inputs.
 */
export function buildForecaster(kind: ForecasterKind, shape: ForecasterShape): Sequential {
  const { window, features, horizon, units } = shape;
  const inputShape = [window, features];
  const head = new Dense({ units: horizon });
  switch (kind) {
    case 'SimpleRNN':
      return new Sequential([new SimpleRNN({ units, inputShape }), head]);
    case 'GRU':
      return new Sequential([new GRU({ units, inputShape }), head]);
    case 'LSTM':
      return new Sequential([new LSTM({ units, inputShape }), head]);
    case 'Dense':
      return new Sequential([
        new Flatten({ inputShape }),
        new Dense({ units, activation: 'relu' }),
        head,
      ]);
  }
}

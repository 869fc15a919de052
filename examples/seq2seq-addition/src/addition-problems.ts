import { Random } from 'recurjs';

/** One problem: the query `${a}+${b}`, the answer `${a + b}`. */
export interface AdditionProblem {
  a: number;
  b: number;
}

export interface AdditionProblemsOptions {
  /** The largest number of digits of a term (3: terms up to 999). */
  digits: number;
  trainCount: number;
  /** Problems in each of the two test sets. */
  testCount: number;
  /** The fraction of the possible sums whose problems never appear in training. */
  heldOutSumFraction: number;
  seed: number;
}

export interface AdditionProblems {
  train: AdditionProblem[];
  /** Problems whose sum is held out: the answer string itself never appears as a training target. */
  unseenSums: AdditionProblem[];
  /** Problems not in training (in either order) whose sum does appear in training. */
  unseenProblems: AdditionProblem[];
  /** The held-out sums, ascending. */
  heldOutSums: number[];
}

/**
 * A seeded set of distinct addition problems, split three ways. A random `heldOutSumFraction` of
 * the possible sums is set aside first, and every problem with such a sum goes to `unseenSums`:
 * to answer those the model has to add, since it has never been asked to write that number. The
 * other problems go to `unseenProblems` (with probability 1/10) or to training. `a+b` and `b+a`
 * count as one problem, so no test query is a training query with its terms swapped.
 *
 * Terms are drawn as Keras' addition_rnn draws them: a length of 1 to `digits`, then that many
 * random digits, so short numbers are as frequent as long ones.
 */
export function generateAdditionProblems(options: AdditionProblemsOptions): AdditionProblems {
  const { digits, trainCount, testCount } = options;
  const random = new Random(options.seed);
  const largestSum = 2 * (10 ** digits - 1);
  const sums = Array.from({ length: largestSum + 1 }, (_, sum) => sum);
  random.shuffle(sums);
  const heldOutSums = sums
    .slice(0, Math.round(options.heldOutSumFraction * sums.length))
    .sort((x, y) => x - y);
  const heldOut = new Set(heldOutSums);

  const term = () => random.integer(10 ** (1 + random.integer(digits)));
  const seen = new Set<number>();
  const train: AdditionProblem[] = [];
  const unseenSums: AdditionProblem[] = [];
  const unseenProblems: AdditionProblem[] = [];
  const wanted = trainCount + 2 * testCount;
  // Small problem spaces (two digits: 5,050 unordered pairs) run out of new pairs: stop trying
  // after many draws rather than loop forever.
  for (let draws = 0; draws < 100 * wanted; draws++) {
    const full =
      train.length === trainCount &&
      unseenSums.length === testCount &&
      unseenProblems.length === testCount;
    if (full) break;
    const [a, b] = [term(), term()];
    const key = Math.min(a, b) * 10 ** digits + Math.max(a, b);
    if (seen.has(key)) continue;
    seen.add(key);
    if (heldOut.has(a + b)) {
      if (unseenSums.length < testCount) unseenSums.push({ a, b });
    } else if (random.uniform() < 0.1) {
      if (unseenProblems.length < testCount) unseenProblems.push({ a, b });
    } else if (train.length < trainCount) train.push({ a, b });
  }
  return { train, unseenSums, unseenProblems, heldOutSums };
}

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { configuredThreads } from '../backend/native/native-settings.js';
import {
  controlFor,
  type JobDescription,
  FINISHED,
  type ParallelJob,
  settleJob,
  taskCount,
  workOnJob,
} from './parallel-job.js';

// Worker threads for the TS backend's largest jobs (today: CholeskyQR, which is what building an
// LSTM(1024) costs). Started on first use, `RECUR_NUM_THREADS` (default: all cores) minus the
// calling thread, unref'd so they never keep a process alive. The caller posts the job, works on
// it itself and then blocks in Atomics.wait until the last claimed task is finished: the op stays
// synchronous, as every TS backend op is. The worker script is found through the package's own
// name (`@recur/tensor/internal/task-worker`), which resolves to the built file from the sources
// too (the tests) and in an installed app; where no worker can start, the caller does it all.

let pool: Worker[] | undefined;

function workers(): Worker[] {
  if (pool !== undefined) return pool;
  pool = [];
  const helpers = configuredThreads() - 1;
  if (helpers < 1) return pool;
  let script: string;
  try {
    script = createRequire(import.meta.url).resolve('@recur/tensor/internal/task-worker');
  } catch {
    return pool;
  }
  const started = pool;
  for (let i = 0; i < helpers; i++) {
    try {
      const worker = new Worker(script);
      worker.unref();
      // A worker that fails to load or exits leaves the pool; the jobs go on without it.
      const leave = () => {
        const index = started.indexOf(worker);
        if (index >= 0) started.splice(index, 1);
      };
      worker.on('error', leave);
      worker.on('exit', leave);
      started.push(worker);
    } catch {
      break;
    }
  }
  return pool;
}

/**
 * Whether a job would run on more than one thread (then its arrays must be SharedArrayBuffers).
 * Starts the pool on first call.
 */
export function parallelAvailable(): boolean {
  return workers().length > 0;
}

/** A job handed to the pool's threads whose caller has not yet joined it ({@link startJob}). */
export interface PendingJob {
  job: ParallelJob;
  tasks: number;
}

/**
 * Hands `job` to the pool's threads and returns at once; {@link finishJob} then works on what is
 * left and waits for the rest. Arrays the tasks read or write must be on SharedArrayBuffers when
 * `shared` is true; with `shared` false nothing runs until the caller finishes the job itself.
 */
export function startJob(description: JobDescription, shared: boolean): PendingJob {
  const tasks = taskCount(description);
  const job: ParallelJob = { ...description, control: controlFor(tasks, shared) };
  if (shared) for (const worker of workers()) worker.postMessage(job);
  return { job, tasks };
}

/** Runs the tasks nobody has claimed, waits for the claimed ones; returns how many others did. */
export function finishJob({ job, tasks }: PendingJob): number {
  workOnJob(job, true);
  for (;;) {
    const finished = Atomics.load(job.control, FINISHED);
    if (finished >= tasks) break;
    Atomics.wait(job.control, FINISHED, finished);
  }
  return settleJob(job);
}

/** {@link startJob} and {@link finishJob} in one: every task of `job`, on the pool and this thread. */
export function runJob(description: JobDescription, shared: boolean): number {
  return finishJob(startJob(description, shared));
}

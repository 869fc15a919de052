import {
  type GramTask,
  gramTask,
  gramTaskCount,
  type SolveTask,
  solveTask,
  solveTaskCount,
} from '../backend/js/cholesky-qr-tasks.js';
import { type BoxMullerTask, boxMullerTask, boxMullerTaskCount } from '../box-muller-task.js';

/**
 * Work cut into numbered tasks that write disjoint parts of shared arrays, and the counters the
 * threads claim them with (an Int32Array over a SharedArrayBuffer; see {@link workOnJob}).
 */
export type ParallelJob = JobDescription & { control: Int32Array };

/** What a job computes: the task kinds. */
export type JobDescription = GramTask | SolveTask | BoxMullerTask;

// control[NEXT]: the next unclaimed task; control[FINISHED]: tasks done or failed; then one
// status per task.
export const NEXT = 0;
export const FINISHED = 1;
const STATUS = 2;
const DONE_HERE = 1;
const DONE_ELSEWHERE = 2;
const FAILED = 3;

export function taskCount(job: JobDescription): number {
  switch (job.kind) {
    case 'gram':
      return gramTaskCount(job);
    case 'solve':
      return solveTaskCount(job);
    case 'box-muller':
      return boxMullerTaskCount(job);
  }
}

/** The control array for `tasks` tasks, on a SharedArrayBuffer when other threads will help. */
export function controlFor(tasks: number, shared: boolean): Int32Array {
  const bytes = (STATUS + tasks) * Int32Array.BYTES_PER_ELEMENT;
  return new Int32Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}

function runTask(job: ParallelJob, task: number): void {
  switch (job.kind) {
    case 'gram':
      gramTask(job, task);
      break;
    case 'solve':
      solveTask(job, task);
      break;
    case 'box-muller':
      boxMullerTask(job, task);
      break;
  }
}

/**
 * Claims and runs tasks until none is left (the caller and every worker run this loop on the same
 * job, so a worker that is slow to start, or never starts, only means fewer hands). A task that
 * throws is marked failed, for the caller to run again after the others.
 */
export function workOnJob(job: ParallelJob, caller: boolean): void {
  const tasks = job.control.length - STATUS;
  const done = caller ? DONE_HERE : DONE_ELSEWHERE;
  for (;;) {
    const task = Atomics.add(job.control, NEXT, 1);
    if (task >= tasks) return;
    let status = done;
    try {
      runTask(job, task);
    } catch {
      status = FAILED;
    }
    Atomics.store(job.control, STATUS + task, status);
    Atomics.add(job.control, FINISHED, 1);
    Atomics.notify(job.control, FINISHED);
  }
}

/**
 * Runs on this thread every task marked failed (an error then reaches the caller); returns how
 * many tasks other threads did.
 */
export function settleJob(job: ParallelJob): number {
  let elsewhere = 0;
  for (let task = 0; task < job.control.length - STATUS; task++) {
    const status = Atomics.load(job.control, STATUS + task);
    if (status === FAILED) runTask(job, task);
    if (status === DONE_ELSEWHERE) elsewhere++;
  }
  return elsewhere;
}

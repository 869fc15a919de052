// A thread of the TS backend's pool (task-pool.ts): it runs its share of every job it is sent.
import { parentPort } from 'node:worker_threads';
import { type ParallelJob, workOnJob } from './parallel-job.js';

parentPort?.on('message', (job: ParallelJob) => workOnJob(job, false));

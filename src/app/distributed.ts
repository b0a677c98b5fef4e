/**
 * Experiments on many processes and machines (`experiment run --distributed`, `haggle worker`,
 * `haggle queue`): see distributed/coordinator.ts for how the pieces fit.
 */
export { type ArmAttemptOptions, runArmAttempt } from "./distributed/arm-attempt.ts";
export {
  type ArmJob,
  type ArmJobOutput,
  DEFAULT_JOB_EXPIRY_SECONDS,
  DEFAULT_RETRIES,
} from "./distributed/arm-job.ts";
export { DEFAULT_QUEUE } from "./distributed/boss.ts";
export {
  type DistributedExperimentOptions,
  type DistributedProgress,
  runDistributedExperiment,
} from "./distributed/coordinator.ts";
export { type ActiveJob, dropQueue, queueStatus } from "./distributed/queue-status.ts";
export {
  EXPERIMENT_SCHEMA,
  type FetchedExperiment,
  fetchStoredExperiment,
  listStoredExperiments,
  type StoredExperiment,
} from "./distributed/stored-experiments.ts";
export { runWorker, type WorkerOptions } from "./distributed/worker.ts";

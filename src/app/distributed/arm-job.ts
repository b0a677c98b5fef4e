/** What an arm job carries and answers, and the defaults of its retries. */
/** A job not renewed for this long is given to another worker. */
export const DEFAULT_JOB_EXPIRY_SECONDS = 60;
export const DEFAULT_RETRIES = 3;

/** What a job carries: where the experiment is recorded and which arm to run. */
export interface ArmJob {
  experiment: string;
  arm: string;
  schema: string;
  runId: string;
}

/** What a worker answers when an arm is done. */
export interface ArmJobOutput {
  events: number;
  resumedFrom: number;
  deals: number;
  worker: string;
  seconds: number;
}

export const EXPERIMENT_DOC = "experiment";
/** What a worker's run folder holds that the experiment folder needs, kept as documents of the arm. */
export const ARTIFACT_FILES = ["summary.json", "records.json"] as const;

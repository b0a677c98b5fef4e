// Entry of a worker thread that runs TypeScript: the worker gets its own module loader, so tsx is
// registered here as bin/haggle.js does for the main thread.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);

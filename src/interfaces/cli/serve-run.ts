import type { MarketHost } from "../../runner/market-host.ts";
import { serveHostLocally } from "../local/host-endpoint.ts";

/**
 * What a command that runs a market gives it: its host is served on the run's local endpoint (so
 * `haggle show` and `haggle handover` reach it while it runs) and watched by the progress bar, and
 * Ctrl-C stops the market where it is, to be resumed later, instead of killing it mid-write. A second
 * Ctrl-C exits at once.
 */
export function serveRun(
  dir: string,
  bar: { watch(host: MarketHost): void; done(): void },
): {
  /** For the run's options: `onHost` and `signal`. */
  hooks: { onHost: (host: MarketHost) => void; signal: AbortSignal };
  /** Ends the bar and stops listening; awaits the endpoint's close. */
  done: () => Promise<void>;
} {
  const controller = new AbortController();
  const serving: Promise<() => Promise<void>>[] = [];
  const interrupt = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write("\nhaggle: stopping the market where it is (Ctrl-C again to exit at once)\n");
    controller.abort();
  };
  process.on("SIGINT", interrupt);
  return {
    hooks: {
      signal: controller.signal,
      onHost: (host) => {
        bar.watch(host);
        const started = serveHostLocally(host, dir);
        // The endpoint is a convenience: a market runs without it (e.g. a folder it cannot listen in).
        started.catch((error: Error) =>
          process.stderr.write(`haggle: no local endpoint: ${error.message}\n`),
        );
        serving.push(started);
      },
    },
    async done() {
      bar.done();
      process.off("SIGINT", interrupt);
      for (const started of serving) await (await started.catch(() => async () => {}))();
    },
  };
}

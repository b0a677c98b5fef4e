/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal, so piped and `--json`
 * output stay clean.
 */
export function progressBar(label: string, enabled = Boolean(process.stderr.isTTY)) {
  let last = "";
  return {
    update(progress: { fraction: number; events: number; deals: number; callsInFlight?: number }): void {
      if (!enabled) return;
      const width = 30;
      const filled = Math.round(progress.fraction * width);
      const line = `${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(Math.round(progress.fraction * 100)).padStart(3)}%  events ${progress.events.toLocaleString("en-US")}  deals ${progress.deals}${progress.callsInFlight !== undefined ? `  model calls in flight ${progress.callsInFlight}` : ""}`;
      if (line !== last) process.stderr.write(`\r${line}`);
      last = line;
    },
    done(): void {
      if (enabled && last) process.stderr.write("\n");
    },
  };
}

import type { ModelTrafficFields } from "../../app/model-traffic.ts";

/** What a run reports as it goes (the runner's `onProgress`, the CLI's own look at the host). */
export interface ProgressUpdate extends ModelTrafficFields {
  /** Of the market's time (its clock), 0 to 1; 1 only once the market closed. */
  fraction: number;
  events: number;
  deals: number;
}

/** Where the CLI reads a running market's counts between the runner's reports. */
export interface ProgressSource {
  state: { seq: number; counters: { deal: number } };
}

/** Off a terminal, a plain progress line at most this often. */
export const PROGRESS_LINE_EVERY_MS = 5000;
/** How often the CLI looks at a running market's counts. */
const WATCH_EVERY_MS = 200;

/**
 * Events a generated market of built-in agents over one week makes, about: fitted to demo runs of 10
 * to 200 people (1,135 to 42,744 events, each within 7% of this). Work, unlike the market's clock, is
 * not spread evenly over the week: most of it comes in the first day, as everyone lists and opens
 * negotiations, so a bar that follows the clock sits near 0% for most of a run.
 */
export function estimateMarketEvents(participants: number): number {
  return Math.round(65 * participants ** 1.227);
}

export interface ProgressBarOptions {
  /** `--json`: nothing at all (stdout is the data; stderr stays quiet too). */
  json?: boolean;
  /** Is stderr a terminal: a bar redrawn in place; else a plain line every few seconds. */
  tty?: boolean;
  /** Events the run will make, about: progress by work done. Without it, by the market's clock. */
  estimatedEvents?: number;
  now?: () => number;
  write?: (text: string) => void;
  everyMs?: number;
}

/**
 * Progress as a whole percentage: by events against the estimate, or the market's clock where that is
 * further (an estimate too high then still ends smoothly); at most 99% until the market closed.
 */
export function progressPercent(progress: ProgressUpdate, estimatedEvents?: number): number {
  if (progress.fraction >= 1) return 100;
  const work = estimatedEvents ? progress.events / estimatedEvents : 0;
  return Math.min(99, Math.floor(Math.max(work, progress.fraction) * 100));
}

/**
 * The model traffic's parts of a progress line: the calls in flight always (in a run with model
 * agents), the others only when there are any, so a run that is not held up reads as before.
 */
function trafficParts(progress: ProgressUpdate): string[] {
  if (progress.callsInFlight === undefined) return [];
  const parts = [`${progress.callsInFlight} model call${progress.callsInFlight === 1 ? "" : "s"} in flight`];
  if (progress.callsWaiting) parts.push(`${progress.callsWaiting} waiting for a slot`);
  if (progress.callsBackingOff) parts.push(`${progress.callsBackingOff} backing off`);
  if (progress.rateLimited) {
    parts.push(`${progress.rateLimited} rate limit${progress.rateLimited === 1 ? "" : "s"} (429) so far`);
  }
  return parts;
}

/** "demo: 42% (4,711 events, 61 deals)": the line printed off a terminal. */
export function progressLine(label: string, percent: number, progress: ProgressUpdate): string {
  const parts = [
    `${progress.events.toLocaleString("en-US")} events`,
    `${progress.deals.toLocaleString("en-US")} deal${progress.deals === 1 ? "" : "s"}`,
    ...trafficParts(progress),
  ];
  return `${label}: ${percent}% (${parts.join(", ")})`;
}

/** The bar drawn on a terminal. */
export function progressBarLine(label: string, percent: number, progress: ProgressUpdate): string {
  const width = 30;
  const filled = Math.round((percent / 100) * width);
  const traffic = trafficParts(progress);
  return `${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(percent).padStart(3)}%  events ${progress.events.toLocaleString("en-US")}  deals ${progress.deals}${traffic.length ? `  ${traffic.join(", ")}` : ""}`;
}

/**
 * A run's progress on stderr: on a terminal a one-line bar redrawn in place; off one (CI logs, pipes)
 * a plain line every few seconds and one at the end; never with `--json`. Progress is work done
 * (events against an estimate) when the run can estimate it, else the market's clock.
 */
export function progressBar(label: string, options: ProgressBarOptions = {}) {
  const mode = options.json ? "off" : (options.tty ?? Boolean(process.stderr.isTTY)) ? "bar" : "lines";
  const now = options.now ?? Date.now;
  const write = options.write ?? ((text: string) => void process.stderr.write(text));
  const every = options.everyMs ?? PROGRESS_LINE_EVERY_MS;
  const started = now();
  let lastBar = "";
  let lastLineAt = started;
  let printedLines = 0;
  let latest: ProgressUpdate = { fraction: 0, events: 0, deals: 0 };
  let watching: ReturnType<typeof setInterval> | undefined;

  const update = (progress: ProgressUpdate): void => {
    // The runner's clock fraction and the CLI's look at the host arrive apart: keep the furthest.
    latest = {
      ...latest,
      ...progress,
      fraction: Math.max(latest.fraction, progress.fraction),
      events: Math.max(latest.events, progress.events),
      deals: Math.max(latest.deals, progress.deals),
    };
    if (mode === "off") return;
    const percent = progressPercent(latest, options.estimatedEvents);
    if (mode === "bar") {
      const line = progressBarLine(label, percent, latest);
      // Padded to the last line's length: the model traffic's parts come and go, and a shorter line
      // would leave the end of the longer one on the terminal.
      if (line !== lastBar) write(`\r${line.padEnd(lastBar.length)}`);
      lastBar = line;
      return;
    }
    const at = now();
    if (at - lastLineAt >= every) {
      write(`${progressLine(label, percent, latest)}\n`);
      lastLineAt = at;
      printedLines++;
    }
  };

  return {
    update,
    /** Reads the running market's counts every 200 ms, between the runner's reports. */
    watch(source: ProgressSource): void {
      if (mode === "off" || watching) return;
      watching = setInterval(
        () => update({ fraction: 0, events: source.state.seq, deals: source.state.counters.deal }),
        WATCH_EVERY_MS,
      );
      watching.unref();
    },
    done(): void {
      if (watching) clearInterval(watching);
      watching = undefined;
      if (mode === "bar" && lastBar) write("\n");
      // A log that showed progress shows its end too; a run too short for any line prints none.
      if (mode === "lines" && printedLines > 0) {
        write(`${progressLine(label, progressPercent(latest, options.estimatedEvents), latest)}\n`);
      }
    },
  };
}

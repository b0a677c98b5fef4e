import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { HaggleError } from "../../domain/errors.ts";

const posted = z.object({
  /** The message's ts once Slack acknowledged it; absent while it is being sent. */
  ts: z.string().optional(),
  channel: z.string().optional(),
  /** Epoch ms of a send whose outcome is unknown: look for it in Slack before sending again. */
  sending: z.number().optional(),
  /** Slack refused it for good (too long, bad blocks): not sent again. */
  skipped: z.string().optional(),
});
export type PostRecord = z.infer<typeof posted>;

const answers = z.object({
  fairness: z.number().int().min(1).max(7).optional(),
  satisfaction: z.number().int().min(1).max(7).optional(),
  wouldPay: z.boolean().optional(),
});

export const mirrorFileSchema = z.object({
  version: z.literal(1),
  /** The channel this file mirrors to; another channel starts the channel's posts afresh. */
  channel: z.string(),
  /** The next event to read: every event before it has all its posts done. */
  cursor: z.number().int().positive(),
  /** Posts of events from `cursor` on, by key (`e<seq>`). */
  posts: z.record(z.string(), posted),
  /** Each listing's message ts, so its negotiations thread under it across restarts. */
  listings: z.record(z.string(), z.string()),
  /** Each deal's DM to each person, by `dm:<deal>:<participant>`. */
  dms: z.record(z.string(), posted),
  /** Slack user id of each linked participant. */
  links: z.record(z.string(), z.string()),
  /** The DM channel with each Slack user. */
  dmChannels: z.record(z.string(), z.string()),
  /** Survey answers given in Slack, by `<deal>:<participant>`, to show them in the DM. */
  answers: z.record(z.string(), answers),
});
export type MirrorFile = z.infer<typeof mirrorFileSchema>;

export const MIRROR_FILE = "slack-mirror.json";

function fresh(channel: string): MirrorFile {
  return {
    version: 1,
    channel,
    cursor: 1,
    posts: {},
    listings: {},
    dms: {},
    links: {},
    dmChannels: {},
    answers: {},
  };
}

/** Reads `<dir>/slack-mirror.json`, or a fresh state; a file for another channel keeps only its links and DMs. */
export async function readMirrorFile(dir: string, channel: string): Promise<MirrorFile> {
  const path = join(dir, MIRROR_FILE);
  if (!existsSync(path)) return fresh(channel);
  let parsed: ReturnType<typeof mirrorFileSchema.safeParse>;
  try {
    parsed = mirrorFileSchema.safeParse(JSON.parse(await readFile(path, "utf8")));
  } catch (error) {
    throw new HaggleError(
      `${path} is not valid JSON (${(error as Error).message}): move it away to mirror afresh`,
      {
        kind: "bad-input",
        code: "slack/bad-state-file",
      },
    );
  }
  if (!parsed.success) {
    throw new HaggleError(`${path} is not a Slack mirror's state file: move it away to mirror afresh`, {
      kind: "bad-input",
      code: "slack/bad-state-file",
    });
  }
  const file = parsed.data;
  if (file.channel !== channel)
    return {
      ...fresh(channel),
      dms: file.dms,
      links: file.links,
      dmChannels: file.dmChannels,
      answers: file.answers,
    };
  return file;
}

/**
 * Writes the state file atomically (a temporary file renamed over it), one write at a time; a save
 * asked for while one is under way is folded into the next.
 */
export class MirrorFileWriter {
  private writing: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly dir: string,
    private readonly snapshot: () => MirrorFile,
  ) {}

  save(): Promise<void> {
    if (this.writing) {
      this.again = true;
      return this.writing;
    }
    this.writing = (async () => {
      try {
        do {
          this.again = false;
          await mkdir(this.dir, { recursive: true });
          const path = join(this.dir, MIRROR_FILE);
          await writeFile(`${path}.tmp`, `${JSON.stringify(this.snapshot())}\n`);
          await rename(`${path}.tmp`, path);
        } while (this.again);
      } finally {
        this.writing = undefined;
      }
    })();
    return this.writing;
  }
}

import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { HaggleError } from "../../domain/errors.ts";

/** One line of an interview conversation, as the person saw it. */
export interface ChatLine {
  from: "interviewer" | "me";
  text: string;
}

/** A person's interview conversation so far: what was said, and whether the interviewer had everything. */
export interface StoredChat {
  lines: ChatLine[];
  done: boolean;
}

/**
 * Each person's interview conversation, kept beside the community (`<dir>/interviews/<account>.json`,
 * written whole and renamed into place, so a kill never leaves half a file), with the model's answers
 * recorded beside it (`<account>.llm.jsonl`): after a restart the conversation is taken up where it
 * was, its earlier turns answered from the recording without calling the model again.
 */
export class ChatTranscripts {
  private readonly dir: string;

  constructor(serveDir: string) {
    this.dir = join(serveDir, "interviews");
  }

  async read(accountId: string): Promise<StoredChat | undefined> {
    try {
      return JSON.parse(await readFile(this.pathOf(accountId), "utf8")) as StoredChat;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  async write(accountId: string, chat: StoredChat): Promise<void> {
    const path = this.pathOf(accountId);
    await mkdir(this.dir, { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(chat, null, 1)}\n`);
    await rename(temp, path);
  }

  /** Forgets the conversation and its recorded model answers (the person starts over). */
  async clear(accountId: string): Promise<void> {
    await rm(this.pathOf(accountId), { force: true });
    await rm(this.recordingOf(accountId), { force: true });
  }

  /** Where the model's answers in this person's conversation are recorded. */
  recordingOf(accountId: string): string {
    return join(this.dir, `${safeName(accountId)}.llm.jsonl`);
  }

  private pathOf(accountId: string): string {
    return join(this.dir, `${safeName(accountId)}.json`);
  }
}

/** Account ids are the server's own (`a12`); anything else never becomes a path. */
function safeName(accountId: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(accountId)) {
    throw new HaggleError(`not an account id: ${JSON.stringify(accountId)}`, {
      kind: "internal",
      code: "serve/bad-account",
    });
  }
  return accountId;
}

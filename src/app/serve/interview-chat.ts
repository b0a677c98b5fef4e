import type { LanguageModelV3 } from "@ai-sdk/provider";
import { LlmRecorder } from "../../agents/llm/recorder.ts";
import type { Participant } from "../../domain/mandate.ts";
import { formatMoney } from "../../domain/money.ts";
import { createModelInterview } from "../../interview/model-interview.ts";
import type { Terminal } from "../../interview/terminal.ts";
import type { ChatTranscripts, StoredChat } from "./chat-transcripts.ts";
import type { InterviewForm } from "./interview-form.ts";

/** What the person sees after each message: what the interviewer said, and whether it is done. */
export interface ChatTurn {
  messages: string[];
  /** True once the interviewer has everything: the answers are in the form, to review and confirm. */
  done: boolean;
  form?: InterviewForm;
}

/** A participant written back as the form's text, so the person reviews it where they would type it. */
export function formOf(participant: Participant): InterviewForm {
  const money = (cents: number) => formatMoney(cents, "USD", { alwaysCents: cents % 100 !== 0 });
  const { mandate } = participant;
  return {
    name: participant.name,
    items: mandate.items.map((item) => ({
      title: item.title,
      description: item.description,
      condition: item.condition,
      flaws: item.flaws.join(", "),
      category: item.category === "other" ? "" : item.category,
      askingPrice: money(item.askingPrice),
      reserve: money(item.reserve),
    })),
    wants: mandate.wants.map((want) => ({ description: want.description, maxPrice: money(want.maxPrice) })),
    budget: money(mandate.budget),
    persona: mandate.persona,
    instructions: mandate.instructions,
  };
}

/**
 * One person's interview as a conversation with a model, held in the server: the same interviewer as
 * `haggle interview --model` (its questions, its checks, its structured write-up), spoken through a
 * terminal whose questions wait for the person's next message on the web.
 */
class Conversation {
  private outbox: string[] = [];
  private answer: ((text: string | undefined) => void) | undefined;
  private turnEnded: (() => void) | undefined;
  private result: { form: InterviewForm } | { error: Error } | undefined;

  constructor(model: LanguageModelV3) {
    const terminal: Terminal = {
      say: (text) => {
        if (text.trim()) this.outbox.push(text);
      },
      ask: (question) => {
        if (question.trim() && question.trim() !== ">") this.outbox.push(question);
        return new Promise((resolve) => {
          this.answer = resolve;
          this.endTurn();
        });
      },
      close: () => {},
    };
    createModelInterview(terminal, model)
      .run()
      .then(
        (participant) => {
          this.result = { form: formOf(participant) };
        },
        (error: Error) => {
          this.result = { error };
        },
      )
      .finally(() => this.endTurn());
  }

  get finished(): boolean {
    return this.result !== undefined;
  }

  /** Gives the person's message (none to start), and resolves with the interviewer's next turn. */
  async send(message: string | undefined): Promise<ChatTurn> {
    const ended = new Promise<void>((resolve) => {
      this.turnEnded = resolve;
    });
    if (message !== undefined && this.answer) {
      const answer = this.answer;
      this.answer = undefined;
      answer(message);
    }
    if (!this.answer && !this.result) await ended;
    const messages = this.outbox.splice(0);
    if (this.result && "error" in this.result) throw this.result.error;
    return { messages, done: this.finished, ...(this.result ? { form: this.result.form } : {}) };
  }

  private endTurn(): void {
    const ended = this.turnEnded;
    this.turnEnded = undefined;
    ended?.();
  }
}

/**
 * The conversations in progress, one per account, each kept as it goes (`ChatTranscripts`): a
 * restarted server takes a person's conversation up where it was. A finished one starts afresh on the
 * next message.
 */
export class InterviewChats {
  private readonly conversations = new Map<string, Conversation>();

  /**
   * @param model the interviewer's model, answering through `recorder` (wrap it with `resilientModel`)
   * @param transcripts where conversations are kept; without it they live only in memory
   */
  constructor(
    private readonly model: (recorder: LlmRecorder) => LanguageModelV3,
    private readonly transcripts?: ChatTranscripts,
  ) {}

  /** The person's conversation so far (none yet: no lines). */
  async conversation(accountId: string): Promise<StoredChat> {
    return (await this.transcripts?.read(accountId)) ?? { lines: [], done: false };
  }

  /**
   * The person's next message, or none to start over. A message with no conversation in progress in
   * memory takes up the kept one (the server restarted: its turns are replayed from the recording),
   * or starts one and answers its first question with it.
   */
  async send(accountId: string, message: string | undefined): Promise<ChatTurn> {
    let conversation = this.conversations.get(accountId);
    const kept = message === undefined ? undefined : await this.conversation(accountId);
    let lines = kept?.lines ?? [];
    const earlier: string[] = [];
    if (!conversation || conversation.finished || message === undefined) {
      const resume = conversation === undefined && kept !== undefined && !kept.done && lines.length > 0;
      if (!resume) {
        await this.transcripts?.clear(accountId);
        lines = [];
      }
      conversation = new Conversation(this.model(this.recorder(accountId)));
      this.conversations.set(accountId, conversation);
      if (message !== undefined) {
        const opening = (await conversation.send(undefined)).messages;
        if (resume) {
          for (const line of lines) if (line.from === "me") await conversation.send(line.text);
        } else {
          earlier.push(...opening);
          lines.push(...opening.map((text) => ({ from: "interviewer" as const, text })));
        }
      }
    }
    try {
      const turn = await conversation.send(message);
      if (turn.done) this.conversations.delete(accountId);
      lines.push(
        ...(message !== undefined ? [{ from: "me" as const, text: message }] : []),
        ...turn.messages.map((text) => ({ from: "interviewer" as const, text })),
      );
      await this.transcripts?.write(accountId, { lines, done: turn.done });
      return { ...turn, messages: [...earlier, ...turn.messages] };
    } catch (error) {
      this.conversations.delete(accountId);
      throw error;
    }
  }

  private recorder(accountId: string): LlmRecorder {
    return this.transcripts
      ? LlmRecorder.open(this.transcripts.recordingOf(accountId))
      : LlmRecorder.inMemory("off");
  }
}

import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { Participant } from "../../domain/mandate.ts";
import { formatMoney } from "../../domain/money.ts";
import { createModelInterview } from "../../interview/model-interview.ts";
import type { Terminal } from "../../interview/terminal.ts";
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

/** The conversations in progress, one per account; a finished or failed one starts afresh. */
export class InterviewChats {
  private readonly conversations = new Map<string, Conversation>();

  constructor(private readonly model: () => LanguageModelV3) {}

  /**
   * The person's next message, or none to start over. A message with no conversation in progress (the
   * server restarted) starts one and answers its first question with it.
   */
  async send(accountId: string, message: string | undefined): Promise<ChatTurn> {
    let conversation = this.conversations.get(accountId);
    const earlier: string[] = [];
    if (!conversation || conversation.finished || message === undefined) {
      conversation = new Conversation(this.model());
      this.conversations.set(accountId, conversation);
      if (message !== undefined) earlier.push(...(await conversation.send(undefined)).messages);
    }
    try {
      const turn = await conversation.send(message);
      if (turn.done) this.conversations.delete(accountId);
      return { ...turn, messages: [...earlier, ...turn.messages] };
    } catch (error) {
      this.conversations.delete(accountId);
      throw error;
    }
  }
}

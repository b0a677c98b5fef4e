export interface LlmBudgetLimits {
  /** Most model calls in the run, all agents together. */
  maxCalls?: number;
  /** Most tokens (input + output). */
  maxTokens?: number;
  /** Most estimated cost, in cents. */
  maxCostCents?: number;
}

export interface LlmBudgetUsed {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costCents: number;
}

/**
 * A run's model budget, shared by every LLM agent of the run (pass the same object to each). Each
 * model call is charged after it returns; once a limit is reached no agent makes another call, and
 * `message` says why, for the runner to print. Replayed calls are charged too, so a resumed run
 * stops at the same point as the original.
 * @example const budget = new LlmBudget({ maxCostCents: 500 }); createLlmAgent(spec, ctx, { budget })
 */
export class LlmBudget {
  readonly used: LlmBudgetUsed = { calls: 0, inputTokens: 0, outputTokens: 0, costCents: 0 };
  private listeners: ((message: string) => void)[] = [];
  private announced = false;
  /** While a window's turns are taken: the use `exhausted` and `message` answer by (see hold()). */
  private held: LlmBudgetUsed | undefined;

  constructor(readonly limits: LlmBudgetLimits = {}) {}

  /** A budget with these limits and this much already used (a turn taken on a turn worker starts from it). */
  static resumed(limits: LlmBudgetLimits, used: LlmBudgetUsed): LlmBudget {
    const budget = new LlmBudget(limits);
    Object.assign(budget.used, used);
    return budget;
  }

  /** Records one model call. */
  charge(call: { inputTokens: number; outputTokens: number; costCents: number }): void {
    this.absorb({ calls: 1, ...call });
  }

  /** Records calls made elsewhere against a copy of this budget (a turn taken on a turn worker). */
  absorb(spent: LlmBudgetUsed): void {
    this.used.calls += spent.calls;
    this.used.inputTokens += spent.inputTokens;
    this.used.outputTokens += spent.outputTokens;
    this.used.costCents = Math.round((this.used.costCents + spent.costCents) * 1_000_000) / 1_000_000;
    const message = this.messageFor(this.used);
    if (message && !this.announced) {
      this.announced = true;
      for (const listener of this.listeners) listener(message);
    }
  }

  /**
   * Until the returned release is called, `exhausted` and `message` answer as the budget stands now,
   * while calls are still charged. The market holds it over each window of turns: every turn of a
   * window starts on the budget as the window found it and is not cut short by the others' calls,
   * whichever call returns first. So a budget that runs out gives the same log however the calls race,
   * in this process or on turn workers (whose jobs carry the window's budget); the cost is that a
   * window may spend past the limit by the calls its turns make.
   */
  hold(): () => void {
    this.held = { ...this.used };
    return () => {
      this.held = undefined;
    };
  }

  /** True once a limit is reached (as the window found it, while one is held). */
  get exhausted(): boolean {
    return this.message !== undefined;
  }

  /** Why the budget is spent, in a sentence; undefined while there is budget left. */
  get message(): string | undefined {
    return this.messageFor(this.held ?? this.used);
  }

  private messageFor(u: LlmBudgetUsed): string | undefined {
    const { maxCalls, maxTokens, maxCostCents } = this.limits;
    if (maxCalls !== undefined && u.calls >= maxCalls) {
      return `the run's model budget is spent: ${u.calls} of ${maxCalls} calls used; LLM agents stop acting`;
    }
    const tokens = u.inputTokens + u.outputTokens;
    if (maxTokens !== undefined && tokens >= maxTokens) {
      return `the run's model budget is spent: ${tokens} of ${maxTokens} tokens used; LLM agents stop acting`;
    }
    if (maxCostCents !== undefined && u.costCents >= maxCostCents) {
      return `the run's model budget is spent: $${(u.costCents / 100).toFixed(2)} of $${(maxCostCents / 100).toFixed(2)} used; LLM agents stop acting`;
    }
    return undefined;
  }

  /** What was used since `before` (a copy of `used` taken earlier). */
  spentSince(before: LlmBudgetUsed): LlmBudgetUsed {
    return {
      calls: this.used.calls - before.calls,
      inputTokens: this.used.inputTokens - before.inputTokens,
      outputTokens: this.used.outputTokens - before.outputTokens,
      costCents: Math.round((this.used.costCents - before.costCents) * 1_000_000) / 1_000_000,
    };
  }

  /** Called once, when the budget runs out. */
  onExhausted(listener: (message: string) => void): void {
    this.listeners.push(listener);
  }
}

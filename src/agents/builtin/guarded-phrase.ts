import { formatMoney } from "../../domain/money.ts";
import type { Move } from "./language/move.ts";
import { revealsSecret } from "./secret-guard.ts";
import type { Phraser } from "./words.ts";

/**
 * Words for a move, checked so they never write a secret number: the phraser's sentence, else the
 * same move said without the prices it quotes or its leverage, else a plain fixed line.
 */
export function guardedPhrase(phraser: Phraser, move: Move, secrets: readonly number[]): string {
  if (move.price !== undefined && secrets.includes(move.price)) {
    // Offering or accepting exactly a limit: the typed price says it, the words must not.
    const { price: _price, ...rest } = move;
    return guardedPhrase(phraser, rest, secrets);
  }
  const first = phraser.say(move);
  if (!revealsSecret(first, secrets)) return first;
  const { previousPrice: _previous, theirPrice: _theirs, ...bare } = move;
  const second = phraser.say({ ...bare, leverage: [] });
  if (!revealsSecret(second, secrets)) return second;
  if (move.price !== undefined && !secrets.includes(move.price)) {
    return `${formatMoney(move.price, move.currency)} is my price.`;
  }
  return move.kind === "walk-away" ? "I'll leave it there, thanks." : "Let's go ahead.";
}

/**
 * The understanding as the engine agent reads it (the `Reading` of words.ts): one price to answer,
 * a bound, and whether they asked, refused, agreed or are in a hurry.
 */
import type { Reading } from "../words.ts";
import { isUrgent } from "./conditions.ts";
import { parseUtterance, type Understanding, type UnderstandingContext } from "./parse-utterance.ts";

export function toReading(u: Understanding): Reading {
  const price = u.price ?? (u.range ? Math.round((u.range.low + u.range.high) / 200) * 100 : undefined);
  return {
    ...(price !== undefined ? { price } : {}),
    ...(u.bound ? { bound: u.bound.price } : {}),
    urgent: isUrgent(u.conditions),
    isQuestion: u.isQuestion,
    refused: u.intent === "reject" || u.intent === "walk-away",
    agreed: u.intent === "accept",
  };
}

/** Reads a message straight into a Reading: a drop-in for `Words.read`. */
export function readMessage(text: string, context: UnderstandingContext = {}): Reading {
  return toReading(parseUtterance(text, context));
}

import type { EventBody } from "../event.ts";
import type { Rejection } from "../rejection.ts";

/** A handler's verdict: the event bodies to append, or why not. Meta (seq, at, actor) is added by `decide`. */
export type Decision = EventBody[] | Rejection;

import type { ItemId, ListingId, ParticipantId, WantAdId, WantId } from "./ids.ts";
import type { Condition } from "./mandate.ts";
import type { Cents } from "./money.ts";

/** A public "for sale" post in the channel. It never carries the reserve. */
export interface Listing {
  id: ListingId;
  seller: ParticipantId;
  itemId: ItemId;
  title: string;
  description: string;
  condition: Condition;
  category: string;
  ageYears?: number;
  flaws: string[];
  askingPrice: Cents;
  /** active: open to offers; pending: a deal awaits confirmation; sold; withdrawn. */
  status: "active" | "pending" | "sold" | "withdrawn";
  postedAt: number;
}

/** A public "looking for" post. It never carries the max price. */
export interface WantAd {
  id: WantAdId;
  buyer: ParticipantId;
  wantId: WantId;
  description: string;
  category?: string;
  keywords: string[];
  status: "active" | "fulfilled" | "withdrawn";
  postedAt: number;
}

export * from "./deal.ts";
export type * from "./ids.ts";
export * from "./listing.ts";
export * from "./mandate.ts";
export * from "./money.ts";
export * from "./offer.ts";
export * from "./thread.ts";
export * from "./validation.ts";

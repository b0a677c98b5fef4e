import type { MarketState } from "../../../engine/state.ts";
import type { Account, InviteRecord } from "../community.ts";

/** Who joined, how far their interviews are, the invites, and the market's totals so far. */
export function organiserPeople(accounts: readonly Account[]) {
  return accounts.map((account) => ({
    accountId: account.id,
    name: account.name || "(no name yet)",
    ...(account.participant ? { participantId: account.participant.id } : {}),
    interview: account.interview.confirmed
      ? ("confirmed" as const)
      : account.interview.form.items.length + account.interview.form.wants.length > 0 ||
          account.interview.form.budget
        ? ("in progress" as const)
        : ("not started" as const),
    joined: account.joined,
    paused: account.paused,
  }));
}

export function organiserInvites(invites: readonly InviteRecord[], baseUrl: string) {
  return invites.map((invite) => ({
    code: invite.code,
    url: `${baseUrl}/invite/${invite.code}`,
    ...(invite.usedBy ? { usedBy: invite.usedBy } : {}),
  }));
}

export function marketTotals(state: MarketState | undefined) {
  if (!state) return { participants: 0, listings: 0, threads: 0, deals: 0, volume: 0 };
  let volume = 0;
  let deals = 0;
  for (const deal of state.deals.values()) {
    if (deal.status === "cancelled") continue;
    deals++;
    volume += deal.price;
  }
  return {
    participants: state.participants.size,
    listings: state.listings.size,
    threads: state.threads.size,
    deals,
    volume,
  };
}

import { type Participant, personSchema } from "../../domain/mandate.ts";
import { parseWith } from "../../domain/validation.ts";
import { HostError } from "../../runner/host-error.ts";
import type { MarketHost } from "../../runner/market-host.ts";

/**
 * Adds a person to a running market with the agent that will represent them (a spec such as
 * "engine:strong"). The person is checked as a participant file is (each bad field named), the
 * spec by the agent registry, and the run records them before the market registers them, so a
 * resumed market makes their agent again. Resolves once their registration is durable.
 */
export async function joinMarket(host: MarketHost, person: unknown, spec: string): Promise<Participant> {
  const participant = parseWith(personSchema, person, "the person joining");
  if (host.state.status === "closed") {
    throw new HostError("conflict", "join/market-closed", "this market has closed: nobody can join it now");
  }
  const result = await host.join(participant, spec);
  if (!result.ok) throw new HostError("conflict", result.code, result.message);
  return participant;
}

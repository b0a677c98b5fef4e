import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../domain/catalogue.ts";
import { createRng } from "../../domain/random.ts";
import { resolveSetup, UnknownItemError } from "./negotiation-setup.ts";

const dir = mkdtempSync(join(tmpdir(), "haggle-setup-"));

describe("resolveSetup", () => {
  it("draws limits for a catalogue item from the seed", () => {
    const entry = loadCatalogue()[0]!;
    const setup = resolveSetup(entry.id, createRng(1));
    expect(setup.item.title).toBe(entry.title);
    expect(setup.item.reserve).toBeLessThanOrEqual(setup.item.askingPrice);
    expect(resolveSetup(entry.id, createRng(1))).toEqual(setup);
  });

  it("reads an item file with amounts written as money", () => {
    const path = join(dir, "bike.json");
    writeFileSync(
      path,
      JSON.stringify({ title: "Trek road bike", askingPrice: "$200", reserve: "$140", maxPrice: "$185" }),
    );
    const setup = resolveSetup(path, createRng(1));
    expect(setup.item).toMatchObject({
      id: "trek-road-bike",
      askingPrice: 20_000,
      reserve: 14_000,
      condition: "good",
    });
    expect(setup.buyer.maxPrice).toBe(18_500);
  });

  it("applies overrides from flags", () => {
    const entry = loadCatalogue()[0]!;
    const setup = resolveSetup(entry.id, createRng(1), {
      askingPrice: 5_000,
      reserve: 3_000,
      maxPrice: 4_500,
    });
    expect(setup.item).toMatchObject({ askingPrice: 5_000, reserve: 3_000 });
    expect(setup.buyer.maxPrice).toBe(4_500);
  });

  it("names close matches for an unknown id, and the field for a bad file", () => {
    expect(() => resolveSetup("no-such-thing", createRng(1))).toThrow(UnknownItemError);
    const path = join(dir, "bad.json");
    writeFileSync(path, JSON.stringify({ title: "Lamp", askingPrice: "cheap" }));
    expect(() => resolveSetup(path, createRng(1))).toThrow(/askingPrice/);
  });
});

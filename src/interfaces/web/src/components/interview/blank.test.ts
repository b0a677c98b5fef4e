import { describe, expect, it } from "vitest";
import type { InterviewForm } from "../../../../http/api-types.ts";
import { blankItem, errorsToShow, shownPaths, valueAt } from "./blank.ts";

const empty: InterviewForm = { name: "Ann", items: [], wants: [], budget: "", persona: "", instructions: "" };

describe("the interview form's errors", () => {
  it("reads a field by its path", () => {
    const form = { ...empty, items: [{ ...blankItem(), reserve: "$40" }] };
    expect(valueAt(form, "items.0.reserve")).toBe("$40");
    expect(valueAt(form, "items.1.reserve")).toBeUndefined();
    expect(valueAt(form, "items")).toBeUndefined();
    expect(shownPaths(form).has("items.0.reserve")).toBe(true);
  });

  it("shows a field's error once it was written in, and every error once the review was asked for", () => {
    const errors = {
      budget: "Please give the budget, e.g. $45 or 45.50.",
      "items.0.reserve":
        "The least you would accept ($500) is above your asking price ($120): give at most $120.",
      "items.0.title": "Please give a title.",
      items: "Add something to sell or something to buy: otherwise your agent has nothing to do.",
    };
    const form = { ...empty, items: [{ ...blankItem(), askingPrice: "$120", reserve: "$500" }] };
    expect(errorsToShow(errors, form, empty, false)).toEqual({
      "items.0.reserve": errors["items.0.reserve"],
    });
    expect(errorsToShow(errors, form, empty, true)).toEqual(errors);
    // A field emptied by the person counts as written in.
    expect(errorsToShow(errors, { ...form, budget: "" }, { ...empty, budget: "$40" }, false)).toHaveProperty(
      "budget",
    );
  });
});

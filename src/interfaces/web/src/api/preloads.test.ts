import { describe, expect, it } from "vitest";
import { pagePreloads } from "../../../http/page-preloads.ts";
import { channelUrl, listingUrl, ME_URL, PEOPLE_URL, SESSION_URL } from "./queries.ts";

// A preload the app does not ask for byte for byte is fetched twice: these must be the app's own URLs.
describe("the pages' preloads", () => {
  it("are the URLs the channel page's first reads use", () => {
    expect(pagePreloads("/", true)).toEqual([
      SESSION_URL,
      channelUrl({ category: "", person: "", q: "" }),
      PEOPLE_URL,
    ]);
  });

  it("are my page's and an item's page's first reads", () => {
    expect(pagePreloads("/me", true)).toEqual([SESSION_URL, ME_URL]);
    // The page's path holds the id as the app's links encode it.
    for (const id of ["L12", "L 1/é?#"]) {
      expect(pagePreloads(`/listings/${encodeURIComponent(id)}`, true)).toEqual([
        SESSION_URL,
        listingUrl(id),
      ]);
    }
    expect(pagePreloads("/listings/%E0%A4%A", true)).toEqual([SESSION_URL]);
  });

  it("are only the session for other pages and for a caller not signed in", () => {
    expect(pagePreloads("/organiser", true)).toEqual([SESSION_URL]);
    expect(pagePreloads("/me", false)).toEqual([SESSION_URL]);
    expect(pagePreloads("/", false)).toEqual([SESSION_URL]);
    expect(pagePreloads("/invite/abc", false)).toEqual([SESSION_URL]);
  });
});

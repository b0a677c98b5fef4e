import { InfiniteQueryObserver, QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it } from "vitest";
import type { MarketEventMessage } from "../../../http/api-types.ts";
import { invalidateFor } from "./events.ts";
import { keys } from "./keys.ts";

const filters = { category: "", person: "", q: "" };
const event = { seq: 101, kind: "message_posted", threadId: "T1" } as unknown as MarketEventMessage;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A channel of 3 pages, each answered after `ms`; counts the reads of each page. */
function channel(client: QueryClient, ms: number) {
  const reads: (string | undefined)[] = [];
  const observer = new InfiniteQueryObserver(client, {
    queryKey: keys.channelWith(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      reads.push(pageParam);
      await wait(ms);
      const page = pageParam === undefined ? 0 : Number(pageParam);
      return { page, next: page < 2 ? String(page + 1) : undefined };
    },
    getNextPageParam: (last) => last.next,
  });
  const unsubscribe = observer.subscribe(() => {});
  return { observer, reads, unsubscribe };
}

describe("the live stream's refetches", () => {
  let client: QueryClient;
  afterEach(() => client.clear());

  // A busy market sends a batch every 400 ms: a refetch that cancelled the page of older posts being
  // read would refetch only the pages already there, and the person's "Older posts" click was lost
  // (seen in CI: the channel stayed at 50 posts).
  it("do not cancel a page of older posts being read, and refetch once it is there", async () => {
    client = new QueryClient();
    const { observer, reads, unsubscribe } = channel(client, 30);
    await expect.poll(() => observer.getCurrentResult().data?.pages.length).toBe(1);
    const older = observer.fetchNextPage();
    await wait(5);
    invalidateFor(client, [event]);
    await older;
    await expect.poll(() => observer.getCurrentResult().data?.pages.length, { timeout: 3000 }).toBe(2);
    // The events still refetch the channel: both pages, after the older one arrived.
    await expect.poll(() => reads, { timeout: 3000 }).toEqual([undefined, "1", undefined, "1"]);
    await wait(100);
    expect(observer.getCurrentResult().data?.pages.map((page) => page.page)).toEqual([0, 1]);
    unsubscribe();
  });

  it("refetch the channel at once when nothing is being read", async () => {
    client = new QueryClient();
    const { observer, reads, unsubscribe } = channel(client, 1);
    await expect.poll(() => observer.getCurrentResult().data?.pages.length).toBe(1);
    invalidateFor(client, [event]);
    await expect.poll(() => reads).toEqual([undefined, undefined]);
    unsubscribe();
  });
});

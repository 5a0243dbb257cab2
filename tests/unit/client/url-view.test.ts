import { describe, expect, it, vi } from "vitest";
import { keysetPages } from "@/lib/client/keyset";
import { canonicalQuery, changeView, fromRecord, POSITION_KEYS, withQuery } from "@/lib/client/url-view";

const KEYS = ["q", "status", "heat", "cursor", "direction", "c"] as const;
const params = (query: string) => new URLSearchParams(query);

describe("URL views", () => {
  it("the same filters give the same query string, whatever the URL's order or extra params", () => {
    expect(canonicalQuery(KEYS, params("heat=hot&utm=x&q=ada"))).toBe("q=ada&heat=hot");
    expect(canonicalQuery(KEYS, params("q=ada&heat=hot"))).toBe("q=ada&heat=hot");
  });

  it("a changed filter goes back to the first page but keeps the open item", () => {
    const current = params("q=ada&cursor=abc&direction=next&c=conv1");
    expect(changeView(KEYS, current, { status: "closed" }, { resets: POSITION_KEYS })).toBe(
      "q=ada&status=closed&c=conv1",
    );
  });

  it("moving between pages keeps the filters and sets the position", () => {
    const current = params("q=ada&cursor=abc&direction=next");
    expect(
      changeView(KEYS, current, { cursor: "def", direction: "prev" }, { resets: POSITION_KEYS, keepPosition: true }),
    ).toBe("q=ada&cursor=def&direction=prev");
  });

  it("opening an item does not lose the page it was opened from", () => {
    const current = params("q=ada&cursor=abc&direction=next");
    expect(changeView(KEYS, current, { c: "conv2" }, { resets: POSITION_KEYS, keepPosition: true })).toBe(
      "q=ada&cursor=abc&direction=next&c=conv2",
    );
  });

  it("a reset key being set is kept while other changes drop it", () => {
    expect(changeView(KEYS, params("status=pending&c=t1"), { c: "t2" }, { resets: ["c"] })).toBe("status=pending&c=t2");
    expect(changeView(KEYS, params("status=pending&c=t1"), { heat: "hot" }, { resets: ["c"] })).toBe(
      "status=pending&heat=hot",
    );
  });

  it("null or empty values remove a filter, and no filters leave a bare path", () => {
    const query = changeView(KEYS, params("q=ada&heat=hot"), { q: null, heat: "" });
    expect(query).toBe("");
    expect(withQuery("/leads", query)).toBe("/leads");
    expect(withQuery("/leads", "q=ada")).toBe("/leads?q=ada");
  });

  it("reads a server page's searchParams record, first value of a repeated param", () => {
    expect(canonicalQuery(KEYS, fromRecord({ q: ["ada", "bob"], heat: "hot", other: "x" }))).toBe("q=ada&heat=hot");
  });
});

describe("keyset pages", () => {
  it("previous and next are disabled without a cursor or while a page is loading", () => {
    const update = vi.fn();
    expect(keysetPages(undefined, false, update).previous.disabled).toBe(true);
    const pages = keysetPages({ prevCursor: null, nextCursor: "n1" }, false, update);
    expect(pages.previous.disabled).toBe(true);
    expect(pages.next.disabled).toBe(false);
    expect(keysetPages({ prevCursor: "p1", nextCursor: "n1" }, true, update).next.disabled).toBe(true);
  });

  it("next and previous put the page's cursor and direction in the URL, keeping the filters", () => {
    const update = vi.fn();
    const pages = keysetPages({ prevCursor: "p1", nextCursor: "n1" }, false, update);
    pages.next.onClick();
    pages.previous.onClick();
    expect(update.mock.calls).toEqual([
      [{ cursor: "n1", direction: "next" }, { keepPosition: true }],
      [{ cursor: "p1", direction: "prev" }, { keepPosition: true }],
    ]);
  });
});

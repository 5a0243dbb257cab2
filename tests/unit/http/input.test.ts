import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, parseJsonText, readJson } from "@/lib/http/body";
import { fromDatabaseError, HttpError } from "@/lib/http/errors";
import { dateTime, findUnstorableText, futureDateTime, text } from "@/lib/http/schemas";

describe("the shared text schema", () => {
  it("refuses NUL and lone surrogates, keeps real characters (emoji are surrogate pairs)", () => {
    for (const bad of ["a\u0000b", "\uD800", "x\uDC00", "\uDBFF\uDBFF", "\uDC00\uD800"])
      expect(text().safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    for (const good of ["Zoë Müller", "🔥 hot lead", "日本語", "tab\tand\nnewline"])
      expect(text().safeParse(good).success, good).toBe(true);
    expect(text().max(3).parse("  abc  ")).toBe("abc");
  });

  it("finds unstorable text anywhere in a parsed body, keys included, as a field path", () => {
    expect(findUnstorableText({ a: [{ b: "ok" }, { c: "x\u0000" }] })).toBe("a.1.c");
    expect(findUnstorableText({ ["k\uD800"]: 1 })).toBe("_key");
    expect(findUnstorableText("\u0000")).toBe("_");
    expect(findUnstorableText({ a: ["fine", 1, null, true] })).toBeNull();
  });
});

describe("the shared date schema", () => {
  it("accepts ISO 8601 dates between 1900 and 9999 and refuses the rest", () => {
    for (const good of [
      "2026-05-01",
      "2026-05-01T09:30",
      "2026-05-01T09:30:00Z",
      "2026-05-01T09:30:00.123+02:00",
      new Date("2026-05-01T00:00:00Z"),
    ]) {
      expect(dateTime().safeParse(good).success, String(good)).toBe(true);
    }
    const bad = [
      "300000-01-01",
      "+275760-09-13T00:00:00Z",
      "-004713-01-01",
      "1899-12-31T23:59:59Z",
      "2026-02-30",
      "2026-13-01",
      "0000-00-00",
      "yesterday",
      "",
      null,
      true,
      0,
      1e308,
      new Date(NaN),
    ];
    for (const value of bad) expect(dateTime().safeParse(value).success, String(value)).toBe(false);
  });

  it("a future date must lie after now", () => {
    expect(futureDateTime().safeParse(new Date(Date.now() - 1000).toISOString()).success).toBe(false);
    expect(futureDateTime().safeParse(new Date(Date.now() + 60_000).toISOString()).success).toBe(true);
  });
});

describe("JSON bodies", () => {
  const post = (body: string) =>
    new Request("http://localhost/x", { method: "POST", body, headers: { "content-type": "application/json" } });

  it("refuses nesting deeper than the limit with 400 before parsing, and counts brackets inside strings as text", async () => {
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    await expect(readJson(post(deep))).rejects.toMatchObject({ status: 400 });
    const atLimit = `${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}`;
    await expect(readJson(post(atLimit))).resolves.toBeDefined();
    const brackets = { a: `${"[".repeat(40)}"\\{{{` };
    expect(parseJsonText(JSON.stringify(brackets), 1)).toEqual(brackets);
  });

  it("drops __proto__ keys so a copied object keeps its prototype", async () => {
    const body = (await readJson(post('{"__proto__":{"polluted":true},"a":{"__proto__":{"x":1},"b":2}}'))) as Record<
      string,
      unknown
    >;
    expect(Object.keys(body)).toEqual(["a"]);
    expect(({ ...body } as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(body.a)).toBe(Object.prototype);
  });
});

describe("database errors caused by values", () => {
  it("map NUL, out-of-range dates and numbers, and deep nesting to 4xx", () => {
    const status = (code: string) => (fromDatabaseError({ code }) as HttpError | null)?.status;
    expect(status("22021")).toBe(422);
    expect(status("22P05")).toBe(422);
    expect(status("22008")).toBe(422);
    expect(status("22007")).toBe(422);
    expect(status("22003")).toBe(422);
    expect(status("54001")).toBe(400);
  });
});

import { describe, expect, it } from "vitest";
import { safeNext } from "@/lib/client/safe-next";

/**
 * `next` as the sign-in page receives it: the query string decoded once, so `?next=/%09/evil`
 * arrives as "/\t/evil". A browser's URL parser (WHATWG, the same as Node's) drops tab, CR
 * and LF and reads `\` as `/`, which is how "/\t/evil.example" used to land on //evil.example.
 */
const APP = "https://crm.example.com";
const landsOn = (path: string) => new URL(path, APP).origin;

const HOSTILE: [label: string, next: unknown][] = [
  ["a tab between the slashes", "/\t/evil.example"],
  ["CR LF between the slashes", "/\r\n/evil.example"],
  ["a newline between the slashes", "/\n/evil.example"],
  ["a carriage return between the slashes", "/\r/evil.example"],
  ["a leading tab", "\t//evil.example"],
  ["a lone newline", "\n"],
  ["a NUL byte", "/\u0000/evil.example"],
  ["DEL", "/\u007f/evil.example"],
  ["a C1 control character", "/\u0085/evil.example"],
  ["a scheme-relative URL", "//evil.example"],
  ["three slashes", "///evil.example"],
  ["slash backslash", "/\\evil.example"],
  ["two backslashes", "\\\\evil.example"],
  ["slash backslash slash", "/\\/evil.example"],
  ["a backslash after a tab", "/\t\\evil.example"],
  ["dot segments that collapse into //", "/.//evil.example"],
  ["dot-dot segments that collapse into //", "/..//evil.example"],
  ["an absolute https URL", "https://evil.example/dashboard"],
  ["an absolute URL without slashes", "https:evil.example"],
  ["javascript:", "javascript:alert(document.cookie)"],
  ["javascript: in mixed case", "JaVaScRiPt:alert(1)"],
  ["data:", "data:text/html,<script>alert(1)</script>"],
  ["a leading space", " //evil.example"],
  ["a percent-encoded scheme-relative URL (not a path)", "%2F%2Fevil.example"],
  ["a percent-encoded tab that is not a path", "%09/evil.example"],
  ["a repeated parameter (array)", ["/leads", "//evil.example"]],
  ["a one-element array", ["/leads"]],
  ["an object", { toString: () => "/leads" }],
  ["a number", 42],
  ["an empty string", ""],
  ["undefined", undefined],
  ["null", null],
  ["an oversized value", `/${"a".repeat(5000)}`],
];

describe("post-sign-in destinations (safeNext)", () => {
  for (const [label, next] of HOSTILE) {
    it(`refuses ${label} and falls back to the dashboard`, () => {
      expect(safeNext(next)).toBe("/dashboard");
    });
  }

  it("uses the fallback it is given", () => {
    expect(safeNext("//evil.example", "/onboarding")).toBe("/onboarding");
  });

  // Still encoded after the one decoding: the browser keeps them encoded in the path, on our origin.
  const ENCODED_BUT_HARMLESS: [next: string, expected: string][] = [
    ["/%09/evil.example", "/%09/evil.example"],
    ["/%0d%0a/evil.example", "/%0d%0a/evil.example"],
    ["/%2F/evil.example", "/%2F/evil.example"],
    ["/%5Cevil.example", "/%5Cevil.example"],
  ];
  for (const [next, expected] of ENCODED_BUT_HARMLESS) {
    it(`keeps the double-encoded ${JSON.stringify(next)} as a path on this origin`, () => {
      expect(safeNext(next)).toBe(expected);
      expect(landsOn(safeNext(next))).toBe(APP);
    });
  }

  it("keeps paths on this app, with their query and fragment", () => {
    expect(safeNext("/settings/organization")).toBe("/settings/organization");
    expect(safeNext("/leads?status=hot&sort=-heat#list")).toBe("/leads?status=hot&sort=-heat#list");
    expect(safeNext("/invite/abc_DEF-123")).toBe("/invite/abc_DEF-123");
    expect(safeNext("/dev/outbox")).toBe("/dev/outbox");
  });

  it("returns the parser's serialization, which a browser resolves to the same origin", () => {
    expect(safeNext("/leads/../settings")).toBe("/settings");
    expect(safeNext("/leads?q=Zürich")).toBe("/leads?q=Z%C3%BCrich");
    for (const [, next] of HOSTILE) expect(landsOn(safeNext(next))).toBe(APP);
  });
});

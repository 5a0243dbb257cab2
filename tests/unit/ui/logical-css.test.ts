import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Kiln renders right to left in Hebrew, so layout is written with logical properties: `ms-`/`me-`,
 * `ps-`/`pe-`, `start-`/`end-`, `text-start`/`text-end`, `border-s`/`border-e`, `rounded-s`/`rounded-e`
 * (Tailwind v4's `space-x-*` and `divide-x-*` are logical already). A physical utility (`ml-4`,
 * `left-0`, `text-right`, `translate-x-full`…) stays put when the page flips, so this test fails on
 * any in `app/` and `components/`. A class under an explicit `ltr:` or `rtl:` variant is written
 * for one direction on purpose and passes.
 */

/** Where a physical direction is truly meant: file, the exact utility, and why. Keep it tiny. */
const ALLOWED: { file: string; utility: string; why: string }[] = [];

const VALUE = String.raw`(?:\d[\d.]*(?:\/\d+)?|px|auto|full|\[.+\]|\(.+\))`;
const PHYSICAL_UTILITIES = [
  new RegExp(`^(?:m|p|scroll-m|scroll-p)[lr]-${VALUE}$`),
  new RegExp(`^(?:left|right)-${VALUE}$`),
  new RegExp(`^translate-x-${VALUE}$`),
  /^text-(?:left|right)$/,
  /^border-[lr](?:-.+)?$/,
  /^rounded-(?:[lr]|tl|tr|bl|br)(?:-.+)?$/,
  /^(?:space|divide)-x-reverse$/,
  /^(?:float|clear)-(?:left|right)$/,
  /^origin-(?:top-|bottom-)?(?:left|right)$/,
  /^(?:bg|object)-(?:(?:top|bottom|left|right)-)?(?:left|right)(?:-(?:top|bottom))?$/,
  /^bg-(?:linear|gradient)-to-(?:[lr]|tl|tr|bl|br)$/,
];

/** `md:hover:-ml-2!` → `ml-2`; undefined for a class under an `ltr:`/`rtl:` variant. */
function baseUtility(token: string): string | undefined {
  const variants: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < token.length; i += 1) {
    const c = token[i];
    if (c === "[" || c === "(") depth += 1;
    else if (c === "]" || c === ")") depth -= 1;
    else if (c === ":" && depth === 0) {
      variants.push(token.slice(start, i));
      start = i + 1;
    }
  }
  if (variants.some((v) => v === "ltr" || v === "rtl")) return undefined;
  return token.slice(start).replace(/^!|!$/g, "").replace(/^-/, "");
}

function physicalUtilities(source: string): string[] {
  const found: string[] = [];
  for (const line of source.split("\n")) {
    const trimmed = line.trim();
    // Comments describe things ("left to right"); they are not classes.
    if (trimmed.startsWith("//") || trimmed.startsWith("*") || trimmed.startsWith("/*")) continue;
    for (const token of line.split(/[\s"'`{}<>,;=]+/)) {
      const utility = token && baseUtility(token);
      if (utility && PHYSICAL_UTILITIES.some((rule) => rule.test(utility))) found.push(utility);
    }
  }
  return found;
}

/** CSS declarations and inline `style` keys that name a physical side. */
function physicalDeclarations(source: string, kind: "css" | "tsx"): string[] {
  const rules =
    kind === "css"
      ? [
          /\b(?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)\b[^:]*:/g,
          /(?:^|[\s;{])(?:left|right)\s*:/g,
          /\b(?:text-align|float|clear)\s*:\s*(?:left|right)\b/g,
        ]
      : [
          /\b(?:margin|padding|border|scrollMargin|scrollPadding)(?:Left|Right)\b/g,
          /\b(?:textAlign|float)\s*:\s*["'](?:left|right)["']/g,
        ];
  const found: string[] = [];
  for (const line of source.split("\n")) {
    const trimmed = line.trim();
    if (trimmed.startsWith("//") || trimmed.startsWith("*") || trimmed.startsWith("/*")) continue;
    for (const rule of rules) for (const match of line.matchAll(rule)) found.push(match[0].trim());
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(tsx?|css)$/.test(entry.name) ? [path] : [];
  });
}

function violations(): { file: string; utility: string }[] {
  return ["app", "components"].flatMap(sourceFiles).flatMap((file) => {
    const source = readFileSync(file, "utf8");
    const kind = file.endsWith(".css") ? "css" : "tsx";
    return [...physicalUtilities(source), ...physicalDeclarations(source, kind)].map((utility) => ({ file, utility }));
  });
}

const allowed = (v: { file: string; utility: string }) =>
  ALLOWED.some((a) => a.file === v.file && a.utility === v.utility);

describe("logical CSS (right-to-left layout)", () => {
  it("recognises physical utilities under any variant and leaves logical ones alone", () => {
    expect(
      physicalUtilities(
        'className="ml-2 md:pr-4 hover:-left-1/2 text-right border-l-2 rounded-tr-lg -translate-x-full left-[3px] group-open:mr-auto!"',
      ),
    ).toEqual([
      "ml-2",
      "pr-4",
      "left-1/2",
      "text-right",
      "border-l-2",
      "rounded-tr-lg",
      "translate-x-full",
      "left-[3px]",
      "mr-auto",
    ]);
    expect(
      physicalUtilities(
        'className="ms-2 pe-4 start-0 end-1/2 text-start border-s-2 rounded-se-lg space-x-2 inset-x-0 mx-auto px-3 rtl:-scale-x-100 rtl:left-0 ltr:ml-2"',
      ),
    ).toEqual([]);
  });

  it("ignores words in comments and prose that only look like utilities", () => {
    expect(physicalUtilities("// filled in left to right, ml-2 here is prose\n * right-click opens it")).toEqual([]);
    expect(physicalUtilities("<p>{t('pr-approved')} left-handed</p>")).toEqual([]);
  });

  it("recognises physical CSS declarations and inline style keys", () => {
    expect(physicalDeclarations(".a { margin-left: 1rem; right: 0; text-align: left }", "css")).toEqual([
      "margin-left:",
      "right:",
      "text-align: left",
    ]);
    expect(
      physicalDeclarations(".a { margin-inline-start: 1rem; inset-inline-end: 0; text-align: start }", "css"),
    ).toEqual([]);
    expect(physicalDeclarations('style={{ paddingLeft: 4, textAlign: "right" }}', "tsx")).toEqual([
      "paddingLeft",
      'textAlign: "right"',
    ]);
  });

  it("app/ and components/ use no physical-direction utility outside the allow-list", () => {
    const found = violations().filter((v) => !allowed(v));
    expect(found, "use ms-/me-/ps-/pe-/start-/end-/text-start/border-s/rounded-s… instead").toEqual([]);
  });

  it("the allow-list stays tiny, and every entry says why and still matches a use", () => {
    expect(ALLOWED.length).toBeLessThanOrEqual(5);
    const all = violations();
    for (const entry of ALLOWED) {
      expect(entry.why.length, `${entry.file}: ${entry.utility} needs a reason`).toBeGreaterThan(10);
      expect(
        all.some((v) => v.file === entry.file && v.utility === entry.utility),
        `stale: ${entry.file}`,
      ).toBe(true);
    }
  });
});

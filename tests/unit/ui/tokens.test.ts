import { readFileSync } from "node:fs";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { cn } from "@/components/ui/cn";

const css = readFileSync("app/globals.css", "utf8");
const block = (selector: string) => css.match(new RegExp(`^${selector} \\{([^}]*)\\}`, "m"))?.[1] ?? "";
const variables = (body: string) => [...body.matchAll(/^\s*--([a-z0-9-]+):/gm)].map((m) => m[1]);

describe("colour tokens (app/globals.css)", () => {
  it("every Tailwind colour token reads a variable that the light theme defines", () => {
    const light = new Set(variables(block(":root")));
    const theme = [...block("@theme inline").matchAll(/--color-([a-z0-9-]+): var\(--([a-z0-9-]+)\);/g)];
    expect(theme.length).toBeGreaterThan(40);
    for (const [, name, variable] of theme) {
      expect(name).toBe(variable);
      expect(light.has(variable), `--${variable} has no light value`).toBe(true);
    }
  });

  it("the dark theme overrides only variables the light theme has, once each", () => {
    const light = new Set(variables(block(":root")));
    const dark = variables(block("\\.dark"));
    expect(dark.length).toBeGreaterThan(30);
    expect(new Set(dark).size).toBe(dark.length);
    for (const name of dark) expect(light.has(name), `--${name} is dark-only`).toBe(true);
  });
});

describe("cn", () => {
  it("lets a later class override an earlier one of the same utility, token colours included", () => {
    expect(cn("bg-surface px-3 text-sm text-foreground", "bg-primary px-2 text-primary-foreground")).toBe(
      "text-sm bg-primary px-2 text-primary-foreground",
    );
    expect(cn("border border-border-strong", false && "hidden", "border-danger")).toBe("border border-danger");
  });
});

describe("lint guard", () => {
  const lint = async (filePath: string, code: string) => {
    const [result] = await new ESLint().lintText(code, { filePath });
    return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message);
  };

  it("rejects a dark: class or a raw palette colour in a screen, and allows them in components/ui", async () => {
    const code = 'export const A = () => <p className="bg-white dark:bg-zinc-900 text-orange-700">x</p>;\n';
    const screen = await lint("components/shell/example.tsx", code);
    expect(screen).toHaveLength(2);
    expect(screen.join(" ")).toMatch(/No dark: classes/);
    expect(screen.join(" ")).toMatch(/No raw palette colours/);
    expect(
      (
        await lint(
          "components/shell/example.tsx",
          'export const A = () => <p className="text-zinc-500 hover:bg-emerald-500">x</p>;\n',
        )
      ).join(" "),
    ).toMatch(/No raw palette colours/);
    expect(await lint("components/ui/example.tsx", code)).toEqual([]);
    expect(
      await lint(
        "components/shell/example.tsx",
        'export const A = () => <p className="bg-surface text-primary-text">x</p>;\n',
      ),
    ).toEqual([]);
  }, 60_000);

  it("still forbids a raw <form> in a screen", async () => {
    expect((await lint("components/shell/example.tsx", "export const A = () => <form />;\n")).join(" ")).toMatch(
      /Use Form and SubmitButton/,
    );
  }, 60_000);
});

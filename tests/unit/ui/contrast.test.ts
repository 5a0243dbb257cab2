import { readFileSync } from "node:fs";
import { interpolate, parse, wcagContrast, type Color } from "culori";
import { describe, expect, it } from "vitest";

/**
 * WCAG AA contrast of the colour tokens in app/globals.css, in both themes, for the pairs the
 * screens actually put together: text tokens on the layers they sit on, each tone's text on its
 * own fills and tints, HEAT badges, and the non-text marks that must reach 3:1 (WCAG 1.4.11): the
 * focus ring and the outlines of inputs, selects and tick boxes. Tokens are resolved
 * through Tailwind's palette (its oklch values), so a palette or token change is measured here.
 */

const css = readFileSync("app/globals.css", "utf8");
const tailwindTheme = readFileSync("node_modules/tailwindcss/theme.css", "utf8");
const palette = new Map(
  [...tailwindTheme.matchAll(/--color-([a-z]+(?:-\d+)?): ([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]),
);
const block = (selector: string) => css.match(new RegExp(`^${selector} \\{([^}]*)\\}`, "m"))?.[1] ?? "";
const variables = (body: string) =>
  Object.fromEntries([...body.matchAll(/^\s*--([a-z0-9-]+):\s*([^;]+);/gm)].map((m) => [m[1]!, m[2]!.trim()]));

const light = variables(block(":root"));
const THEMES = { light, dark: { ...light, ...variables(block("\\.dark")) } };
type Theme = keyof typeof THEMES;

/** A token's colour: a palette colour, or a translucent mix of one, laid over the theme's page background. */
function colour(theme: Theme, token: string): Color {
  const value = THEMES[theme][token];
  if (!value) throw new Error(`--${token} is not defined`);
  // color-mix(in oklab, A p%, B): B is a palette colour, or "transparent" (the pane is drawn over the page).
  const mix = value.match(
    /^color-mix\(in oklab, var\(--color-([a-z]+-\d+)\) (\d+)%, (?:var\(--color-([a-z]+-\d+)\)|transparent)\)$/,
  );
  if (mix) {
    const other = mix[3] ? paletteColour(mix[3]) : colour(theme, "background");
    return interpolate([other, paletteColour(mix[1]!)], "oklab")(Number(mix[2]) / 100);
  }
  const name = value.match(/^var\(--color-([a-z]+(?:-\d+)?)\)$/)?.[1];
  if (!name) throw new Error(`--${token}: cannot measure "${value}"`);
  return paletteColour(name);
}

function paletteColour(name: string): Color {
  const parsed = parse(palette.get(name) ?? "");
  if (!parsed) throw new Error(`unknown palette colour ${name}`);
  return parsed;
}

const contrast = (theme: Theme, fg: string, bg: string) => wcagContrast(colour(theme, fg), colour(theme, bg));

const LAYERS = ["background", "surface", "surface-muted", "surface-hover", "table-header"];
const TONES = ["primary", "danger", "success", "warning", "info", "ai"];

/** [foreground token, background token]: text that must reach 4.5:1. */
const TEXT_PAIRS: [string, string][] = [
  // Body, labels, secondary text and hints on every layer; the stronger ones on chips and menu highlights too.
  ...["foreground", "foreground-soft", "secondary-foreground", "muted-foreground"].flatMap((fg) =>
    [...LAYERS, "muted"].map((bg): [string, string] => [fg, bg]),
  ),
  ...["subtle-foreground", "faint-foreground"].flatMap((fg) => LAYERS.map((bg): [string, string] => [fg, bg])),
  // Hints and timestamps on chips, menu highlights and the selected row of a list; placeholders and end-of-list marks on chips.
  ["subtle-foreground", "muted"],
  ["faint-foreground", "muted"],
  ["subtle-foreground", "primary-surface"],
  // Each tone's text on the page layers, on its own tinted panel, and its chip text.
  ...TONES.flatMap((tone) => [
    ...LAYERS.map((bg): [string, string] => [`${tone}-text`, bg]),
    [`${tone}-text`, `${tone}-surface`] as [string, string],
    [`${tone}-foreground`, tone] as [string, string],
    [`${tone}-muted-foreground`, `${tone}-muted`] as [string, string],
    [`${tone}-muted-foreground`, `${tone}-surface`] as [string, string],
  ]),
  ["primary-foreground", "primary-hover"],
  ["danger-foreground", "danger-hover"],
  ...["cold", "warm", "hot", "burning"].map((level): [string, string] => [`heat-${level}-foreground`, `heat-${level}`]),
];

/** Outlines of inputs, selects and tick boxes (components/ui/input.tsx, menu.tsx): normal, invalid, and an edited draft (approvals). */
const CONTROL_OUTLINES = ["border-control", "danger", "info-text"];

describe.each(Object.keys(THEMES) as Theme[])("colour contrast in the %s theme", (theme) => {
  it.each(TEXT_PAIRS)("text in --%s on --%s reaches 4.5:1 (WCAG AA)", (fg, bg) => {
    expect(contrast(theme, fg, bg)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(LAYERS)("the focus ring on --%s reaches 3:1 (WCAG 1.4.11)", (bg) => {
    expect(contrast(theme, "ring", bg)).toBeGreaterThanOrEqual(3);
  });

  // A control's outline sits between its own fill (surface) and whatever layer the form is on.
  it.each(CONTROL_OUTLINES.flatMap((border) => [...LAYERS, "muted"].map((bg): [string, string] => [border, bg])))(
    "a control outline in --%s on --%s reaches 3:1 (WCAG 1.4.11)",
    (border, bg) => {
      expect(contrast(theme, border, bg)).toBeGreaterThanOrEqual(3);
    },
  );
});

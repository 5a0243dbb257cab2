import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { isolate, isolatingValues, LtrText, UserText } from "@/components/ui/bidi";
import type { Translate } from "@/lib/i18n/translate";

/** A translator that shows what it was given: the key and its values in order. */
const echo: Translate = (key, values) =>
  `${key}(${Object.entries(values ?? {})
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(",")})`;

describe("bidi isolation (components/ui/bidi.tsx)", () => {
  it("renders user-typed text in a <bdi>, which takes its direction from its own letters", () => {
    expect(renderToStaticMarkup(createElement(UserText, { className: "font-medium" }, "דנה Cohen"))).toBe(
      '<bdi class="font-medium">דנה Cohen</bdi>',
    );
  });

  it("forces phone numbers and emails left to right and isolates them from the sentence around them", () => {
    expect(renderToStaticMarkup(createElement(LtrText, { className: "tabular-nums" }, "+972 50-123-4567"))).toBe(
      '<span dir="ltr" class="[unicode-bidi:isolate] tabular-nums">+972 50-123-4567</span>',
    );
  });

  it("isolates free-text values of a translated sentence in a right-to-left document", () => {
    const t = isolatingValues(echo, "rtl");
    expect(t("dimensionValue", { text: "צורך אושר", value: "12 panels", dimension: "need", points: 10 })).toBe(
      `dimensionValue(text=צורך אושר,value=${isolate("12 panels")},dimension=need,points=10)`,
    );
    expect(isolate("12 panels")).toBe("\u206812 panels\u2069");
  });

  it("leaves ICU select keys alone, and a left-to-right document's text exactly as it was", () => {
    expect(isolatingValues(echo, "rtl")("dimension", { dimension: "budget", status: "confirmed" })).toBe(
      "dimension(dimension=budget,status=confirmed)",
    );
    expect(isolatingValues(echo, "ltr")).toBe(echo);
  });
});

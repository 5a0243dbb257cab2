import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { ProviderBadge } from "@/components/approvals/findings";
import { CATALOGUES, textInLocale } from "./in-locale";

const badge = (locale: keyof typeof CATALOGUES, props: Parameters<typeof ProviderBadge>[0]) =>
  textInLocale(locale, createElement(ProviderBadge, props));

/** The server names the provider by kind and model (providerInfo); the badge words it in the reader's language. */
describe("provider badge", () => {
  it("words the offline assistant in the reader's language", () => {
    for (const locale of ["en", "de", "he"] as const)
      expect(badge(locale, { provider: "local", model: "kiln-rules-1" })).toBe(
        CATALOGUES[locale].approvals.provider.offline,
      );
    expect(badge("de", { provider: "local" })).not.toBe(badge("en", { provider: "local" }));
    expect(badge("he", { provider: "local" })).not.toBe(badge("en", { provider: "local" }));
  });

  it("names an OpenAI-compatible provider with its model, in each language's own wording", () => {
    expect(badge("en", { provider: "openai", model: "gpt-4o-mini" })).toBe("OpenAI · gpt-4o-mini");
    for (const locale of ["de", "he"] as const)
      expect(badge(locale, { provider: "openai", model: "llama3.1" })).toBe(
        CATALOGUES[locale].approvals.provider.openaiModel.replace("{model}", "llama3.1"),
      );
  });
});

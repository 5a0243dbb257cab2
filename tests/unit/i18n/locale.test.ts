import { describe, expect, it } from "vitest";
import { negotiateLocale, pickLocale } from "@/lib/i18n/locale";

describe("the request's language", () => {
  it("Accept-Language is negotiated over the shipped languages, q-values honoured", () => {
    expect(negotiateLocale("de-CH,de;q=0.9,en;q=0.8")).toBe("de");
    expect(negotiateLocale("fr-FR,fr;q=0.9,he;q=0.5,en;q=0.4")).toBe("he");
    expect(negotiateLocale("en;q=0.2,de;q=0.9")).toBe("de");
  });

  it("a header naming no shipped language, a wildcard, a malformed one or none is English", () => {
    expect(negotiateLocale("fr-FR,ja")).toBe("en");
    expect(negotiateLocale("*")).toBe("en");
    expect(negotiateLocale("@@@,;q=x")).toBe("en");
    expect(negotiateLocale(null)).toBe("en");
  });

  it("the preference beats the picker's cookie, which beats the browser's languages", () => {
    expect(pickLocale({ preference: "he", cookie: "de", acceptLanguage: "en" })).toBe("he");
    expect(pickLocale({ preference: null, cookie: "de", acceptLanguage: "he" })).toBe("de");
    expect(pickLocale({ preference: null, cookie: "xx", acceptLanguage: "he-IL" })).toBe("he");
    expect(pickLocale({ preference: null, cookie: undefined, acceptLanguage: undefined })).toBe("en");
  });
});

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { translatorOver } from "@/lib/i18n/translator";
import en from "@/lib/i18n/messages/en.json";
import { localizeIssues, VALIDATION_PARSE, validationKey, type KeyedTranslate } from "@/lib/http/validation";

/** A second language made up for the test, so the mechanism is proven apart from the shipped catalogues. */
const pirate = {
  validation: {
    required: "Fill it, matey.",
    tooBig: "{origin, select, string {No more than {maximum} letters, matey.} other {Too big.}}",
    emailInvalid: "That be no email.",
    widgetInsideGrid: "Keep it within {columns} columns, matey.",
  },
};
const t = (messages: object, locale: string) =>
  translatorOver(messages as never, locale, "validation") as unknown as KeyedTranslate;

const schema = z.object({
  name: z.string().min(1).max(5),
  email: z.email("emailInvalid"),
  x: z.number().refine((n) => n < 3, { message: "widgetInsideGrid", params: { columns: 12 } }),
  note: z.string().max(3, "Written before keys existed."),
});

const issuesOf = (value: unknown) => {
  const result = schema.safeParse(value, VALIDATION_PARSE);
  if (result.success) throw new Error("expected issues");
  return result.error.issues;
};

describe("validation messages in the reader's language", () => {
  it("gives every issue without its own message a catalogue key by its code", () => {
    const issues = issuesOf({ email: "a@b.co", x: 1, note: "" });
    expect(issues.map((i) => [i.path.join("."), i.message])).toEqual([["name", "required"]]);
    expect(validationKey(issues[0]!)).toBe("required");
  });

  it("renders keys with the issue's own parameters in the reader's language, with a stable code per message", () => {
    const issues = issuesOf({ name: "Ada Lovelace", email: "nope", x: 5, note: "" });
    expect(localizeIssues(issues, t(en, "en"))).toEqual({
      errors: {
        name: ["Use at most 5 characters."],
        email: ["Enter a valid email address."],
        x: ["A widget must end inside the grid's 12 columns."],
      },
      codes: { name: ["tooBig"], email: ["emailInvalid"], x: ["widgetInsideGrid"] },
    });
    expect(localizeIssues(issues, t(pirate, "en")).errors).toEqual({
      name: ["No more than 5 letters, matey."],
      email: ["That be no email."],
      x: ["Keep it within 12 columns, matey."],
    });
  });

  it("shows a message that is not a key as written, with the generic code", () => {
    const issues = issuesOf({ name: "Ada", email: "a@b.co", x: 1, note: "long" });
    expect(localizeIssues(issues, t(en, "en"))).toEqual({
      errors: { note: ["Written before keys existed."] },
      codes: { note: ["tooBig"] },
    });
  });
});

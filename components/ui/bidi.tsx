import type { ComponentPropsWithoutRef } from "react";
import type { Translate } from "@/lib/i18n/translate";
import { cn } from "./cn";

/**
 * Mixed Hebrew and Latin text without scrambling. In a right-to-left page, a Latin name next to
 * Hebrew words, or "+972 50-123-4567" after a Hebrew label, is reordered by the Unicode bidi
 * algorithm unless it is isolated: its neutral characters (spaces, "+", "-", "@", ".") would
 * attach to the surrounding text. These two primitives are the one way screens isolate values.
 */

/**
 * User-typed free text (a lead's or member's name, a lead title, a company, a message body):
 * its direction comes from its own first strong letter (`<bdi>`: `dir="auto"` and isolated).
 */
export function UserText({ className, ...props }: ComponentPropsWithoutRef<"bdi">) {
  return <bdi className={className} {...props} />;
}

/**
 * Always written left to right, whatever the page direction: phone numbers, email addresses,
 * URLs, identifiers. Isolated so the page's direction cannot flip "+972" to "972+".
 */
export function LtrText({ className, ...props }: ComponentPropsWithoutRef<"span">) {
  return <span dir="ltr" className={cn("[unicode-bidi:isolate]", className)} {...props} />;
}

/** First Strong Isolate … Pop Directional Isolate: what `<bdi>` does, for plain text (a value inside a sentence). */
export const isolate = (text: string) => `\u2068${text}\u2069`;

/** Message parameters that carry stored free text (a quote, a value, a person's name), never an ICU select's key. */
const FREE_TEXT_PARAMS = new Set(["value", "quote", "by", "setBy", "reason", "name", "agent", "title"]);

/**
 * `t` with its free-text values isolated, for sentences rendered to a string from stored
 * parameters (timeline reasons, heat explanations): "צורך אושר (12 panels for 3)" keeps its
 * parentheses and word order. Only in a right-to-left document, where Latin values inside
 * Hebrew sentences are the usual case; English text stays exactly as it was.
 */
export function isolatingValues(t: Translate, dir: "ltr" | "rtl"): Translate {
  if (dir === "ltr") return t;
  return (key, values, formats) =>
    t(
      key,
      values &&
        Object.fromEntries(
          Object.entries(values).map(([name, value]) => [
            name,
            typeof value === "string" && FREE_TEXT_PARAMS.has(name) ? isolate(value) : value,
          ]),
        ),
      formats,
    );
}

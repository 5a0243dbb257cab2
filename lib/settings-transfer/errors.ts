import "server-only";
import type { z } from "zod";
import { WIDGETS } from "@/lib/analytics/types";
import { HttpError, invalid, type FieldErrors } from "@/lib/http/errors";
import { problemTexts } from "@/lib/http/problem";
import { UNSTORABLE_TEXT_MESSAGE } from "@/lib/http/schemas";
import { localizeIssue, type KeyedTranslate } from "@/lib/http/validation";
import type { Translate } from "@/lib/i18n/translate";
import { translatorFor } from "@/lib/i18n/translator";
import { MAX_SETTINGS_BYTES, SETTINGS_VERSION } from "./sections";

/**
 * A settings file's problems as problem+json field errors, each on the path of the field it is
 * about, in the bracket notation a person reads in the file (`sections.dashboards[2].project`),
 * worded in the importer's language (`settingsTransfer.errors`; the owning modules' own rules
 * through the shared `validation` messages). Problems with the file as a whole (its size, its
 * JSON) are on `file`.
 */

type Path = readonly PropertyKey[];

/** The messages of one language: ours, and the shared validation messages for the rest. */
export type TransferTexts = { t: Translate; validation: KeyedTranslate };

export const transferTexts = (locale: string): TransferTexts => ({
  t: translatorFor(locale, "settingsTransfer.errors"),
  validation: problemTexts(locale).validation,
});

export function formatPath(path: Path): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === "number") return `${out}[${part}]`;
    return out ? `${out}.${String(part)}` : String(part);
  }, "");
}

const valueAt = (root: unknown, path: Path): unknown =>
  path.reduce<unknown>(
    (value, key) =>
      value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined,
    root,
  );

/** JSON's own names for what was found, so the message matches what the person sees in the file. */
function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

const isWidgetPath = (path: Path) => (path.at(-1) === "i" && path.at(-3) === "layout") || path.at(-1) === "visibility";

/** One zod issue → [path, message]; unrecognized keys become one entry per key. */
function describe(issue: z.core.$ZodIssue, input: unknown, { t, validation }: TransferTexts): [string, string][] {
  const path = issue.path;
  const at = formatPath(path);
  switch (issue.code) {
    case "invalid_union":
      if (issue.discriminator === "version") {
        const version = valueAt(input, path);
        return [
          [
            at,
            version === undefined
              ? t("missingVersion", { supported: SETTINGS_VERSION })
              : t("unknownVersion", { version: JSON.stringify(version), supported: SETTINGS_VERSION }),
          ],
        ];
      }
      break;
    case "invalid_type": {
      const found = valueAt(input, path);
      if (found === undefined) return [[at, t("required")]];
      return [[at, t("wrongType", { expected: issue.expected, found: jsonTypeOf(found) })]];
    }
    case "invalid_value":
      if (isWidgetPath(path))
        return [[at, t("unknownWidget", { widget: String(valueAt(input, path)), widgets: WIDGETS.join(", ") })]];
      return [[at, t("notOneOf", { values: issue.values.map((v) => JSON.stringify(v)).join(", ") })]];
    case "unrecognized_keys":
      return issue.keys.map((key) => [
        formatPath([...path, key]),
        isWidgetPath(path)
          ? t("unknownWidget", { widget: key, widgets: WIDGETS.join(", ") })
          : t("unknownField", { field: key }),
      ]);
    case "custom":
      if (issue.params?.duplicateView) return [[at, t("duplicateView")]];
      break;
  }
  // Ranges and the owning modules' own rules keep their schema's message.
  return [[at, localizeIssue(issue, validation)]];
}

/** A 422 naming every field the file gets wrong; `detail` names the first. */
export function invalidDocument(errors: FieldErrors, { t }: TransferTexts): HttpError {
  const [path, messages] = Object.entries(errors)[0] ?? ["file", [""]];
  return invalid(errors, t("invalidDetail", { count: Object.keys(errors).length, path, message: messages[0] ?? "" }));
}

export function zodProblem(error: z.ZodError, input: unknown, texts: TransferTexts): HttpError {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    for (const [path, message] of describe(issue, input, texts)) (errors[path || "file"] ??= []).push(message);
  }
  return invalidDocument(errors, texts);
}

export const notAnObject = (texts: TransferTexts) => invalidDocument({ file: [texts.t("notSettingsFile")] }, texts);

export const notSettingsKind = (texts: TransferTexts) => invalidDocument({ kind: [texts.t("wrongKind")] }, texts);

export const missingFile = (texts: TransferTexts) => invalidDocument({ file: [texts.t("missingFile")] }, texts);

export const unknownSections = (sections: string[], texts: TransferTexts) =>
  invalidDocument({ sections: sections.map((section) => texts.t("unknownSection", { section })) }, texts);

/**
 * A text the database cannot store (NUL, a lone surrogate) at `dotted` ("a.b.0.c", as
 * findUnstorableText names it), in the shared validation message.
 */
export const unstorableText = (dotted: string, texts: TransferTexts) =>
  invalidDocument(
    {
      [formatPath(dotted.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part)))]: [
        texts.validation(UNSTORABLE_TEXT_MESSAGE),
      ],
    },
    texts,
  );

export const malformedJson = ({ t }: TransferTexts) =>
  new HttpError(400, "Bad request", t("malformedJson"), { errors: { file: [t("malformedJson")] } });

export const tooLarge = ({ t }: TransferTexts) => {
  const message = t("tooLarge", { megabytes: MAX_SETTINGS_BYTES / 1024 / 1024 });
  return new HttpError(413, "Content too large", message, { errors: { file: [message] } });
};

export const unsupportedType = ({ t }: TransferTexts) =>
  new HttpError(415, "Unsupported media type", t("unsupportedType"));

/** A dashboard's project the current organization does not have, or a dashboard given twice. */
export const dashboardProblem = ({ t }: TransferTexts, problem: { unknownProject: string } | "duplicate") =>
  problem === "duplicate" ? t("duplicateDashboard") : t("unknownProject", { name: problem.unknownProject });

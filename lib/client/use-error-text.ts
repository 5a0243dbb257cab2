"use client";

import { useTranslations } from "next-intl";
import { errorText, problemCode } from "./api";

/**
 * What to show a person for a failed call, in their language: the server's problem detail
 * (already rendered for them), or the browser's own words for a call that never got a
 * problem back (no connection, or an answer that was not problem+json).
 */
export function useErrorText(): (error: unknown) => string {
  const t = useTranslations("common");
  return (error) => {
    const code = problemCode(error);
    if (code === "network") return t("networkError");
    if (code === "unexpected") return t("unexpectedError");
    return errorText(error);
  };
}

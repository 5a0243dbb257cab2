import "server-only";
import { cache } from "react";
import { getSession } from "@/lib/auth/session";
import { withRls } from "@/lib/db";
import { loadPreferences, type LoadedPreferences } from "./store";

/**
 * The signed-in visitor's preferences, read once per request (the layout, the locale, the
 * formats and the time zone all ask); null for visitors who are not signed in.
 */
export const currentPreferences = cache(async (): Promise<LoadedPreferences | null> => {
  const session = await getSession();
  if (!session) return null;
  return withRls(session.claims, (tx) => loadPreferences(tx, session.user.id));
});

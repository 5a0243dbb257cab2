import "server-only";
import type { Tx } from "@/lib/db";
import { knownEventTypes } from "@/lib/integrations/calendly/event-types";
import { eventTypeChoice } from "./org-references";
import { getPreferences } from "./store";

/**
 * Reads of one user's preferences on behalf of the platform: jobs that run as the service role
 * (drafting a reply for a lead this user owns) and act for them. Request code reads the signed-in
 * user's own preferences through `current.ts` or the API instead.
 */

/**
 * The booking page of the user's default Calendly event type in the organization, or null: none
 * chosen, or the choice is no longer one the organization offers (Calendly disconnected, the event
 * type gone). Plain SQL in the caller's transaction: it never waits on Calendly.
 */
export async function defaultSchedulingUrl(tx: Tx, orgId: string, userId: string): Promise<string | null> {
  const stored = (await getPreferences(tx, userId)).integrations.calendly.defaultEventTypeUri;
  if (!stored) return null;
  return eventTypeChoice((await knownEventTypes(tx, orgId)).eventTypes, stored).selected?.schedulingUrl ?? null;
}

/** The user's email signature ("" for none): put below what they send by email, or approve to be sent. */
export async function emailSignature(tx: Tx, userId: string): Promise<string> {
  return (await getPreferences(tx, userId)).integrations.emailSignature;
}

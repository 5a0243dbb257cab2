import "server-only";
import { listWhatsAppSendingNumbers, type SendingNumber } from "@/lib/channels/sending-numbers";
import type { Tx } from "@/lib/db";
import { invalid } from "@/lib/http/errors";
import { knownEventTypes, type OfferedEventType } from "@/lib/integrations/calendly/event-types";
import type { AppPreferences, PreferencesPatch } from "./schema";

/**
 * Preferences are the user's, in every organization, but two of them name something of one
 * organization: the preferred WhatsApp sending number (one of its channels) and the default
 * Calendly event type (one its Calendly connection, or the sandbox, offers). Each means something
 * only where it is one of those. Everywhere else (another organization, the channel removed or
 * deactivated, Calendly disconnected or the event type gone) it reads as none, and a new choice
 * must be one of the current organization's.
 */
export const WHATSAPP_NUMBER_FIELD = "integrations.whatsapp.preferredNumberId";
export const CALENDLY_EVENT_TYPE_FIELD = "integrations.calendly.defaultEventTypeUri";

/** The organization's WhatsApp numbers, the stored choice if it is one of them, and whether a choice was set but is not. */
export async function whatsAppNumberChoice(
  tx: Tx,
  orgId: string | null,
  stored: string | null,
): Promise<{ numbers: SendingNumber[]; selected: string | null; unavailable: boolean }> {
  const numbers = orgId ? await listWhatsAppSendingNumbers(tx, orgId) : [];
  const selected = stored && numbers.some((number) => number.id === stored) ? stored : null;
  return { numbers, selected, unavailable: !!stored && !selected };
}

/** The stored event type among `eventTypes` (none when it is not one of them), and whether a choice was set but is not. */
export function eventTypeChoice(
  eventTypes: OfferedEventType[],
  stored: string | null,
): { selected: OfferedEventType | null; unavailable: boolean } {
  const selected = (stored && eventTypes.find((type) => type.uri === stored)) || null;
  return { selected, unavailable: !!stored && !selected };
}

/** The organization's event types as last listed (no call to Calendly), and the stored choice among them. */
async function knownEventTypeChoice(tx: Tx, orgId: string | null, stored: string | null) {
  if (!stored) return { selected: null, unavailable: false };
  return eventTypeChoice(orgId ? (await knownEventTypes(tx, orgId)).eventTypes : [], stored);
}

/**
 * A patch choosing a number that is not one of the organization's WhatsApp numbers, or an event
 * type it does not offer, is a 422 on that field.
 */
export async function assertOrgReferences(tx: Tx, orgId: string | null, patch: PreferencesPatch): Promise<void> {
  const errors: Record<string, string[]> = {};
  const id = patch.integrations?.whatsapp?.preferredNumberId;
  if (id && (await whatsAppNumberChoice(tx, orgId, id)).unavailable)
    errors[WHATSAPP_NUMBER_FIELD] = ["whatsappNumberNotInOrganization"];
  const uri = patch.integrations?.calendly?.defaultEventTypeUri;
  if (uri && (await knownEventTypeChoice(tx, orgId, uri)).unavailable)
    errors[CALENDLY_EVENT_TYPE_FIELD] = ["calendlyEventTypeUnknown"];
  if (Object.keys(errors).length) throw invalid(errors);
}

/**
 * `prefs` as they apply in the organization: a number or an event type that is not (or no longer)
 * one of its own reads as none. `unavailable` names the fields that were set but read as none.
 */
export async function inOrganization(
  tx: Tx,
  orgId: string | null,
  prefs: AppPreferences,
): Promise<{ preferences: AppPreferences; unavailable: string[] }> {
  const unavailable: string[] = [];
  let { whatsapp, calendly } = prefs.integrations;
  if (whatsapp.preferredNumberId && (await whatsAppNumberChoice(tx, orgId, whatsapp.preferredNumberId)).unavailable) {
    whatsapp = { ...whatsapp, preferredNumberId: null };
    unavailable.push(WHATSAPP_NUMBER_FIELD);
  }
  if ((await knownEventTypeChoice(tx, orgId, calendly.defaultEventTypeUri)).unavailable) {
    calendly = { ...calendly, defaultEventTypeUri: null };
    unavailable.push(CALENDLY_EVENT_TYPE_FIELD);
  }
  if (!unavailable.length) return { preferences: prefs, unavailable };
  return { preferences: { ...prefs, integrations: { ...prefs.integrations, whatsapp, calendly } }, unavailable };
}

import "server-only";
import { listWhatsAppSendingNumbers, type SendingNumber } from "@/lib/channels/sending-numbers";
import type { Tx } from "@/lib/db";
import { invalid } from "@/lib/http/errors";
import type { AppPreferences, PreferencesPatch } from "./schema";

/**
 * Preferences are the user's, in every organization, but the preferred WhatsApp sending number
 * names a channel of one organization: it means something only where that number is an active
 * WhatsApp number. Everywhere else (another organization, the channel removed or deactivated)
 * it reads as none, and a new choice must be one of the current organization's numbers.
 */
export const WHATSAPP_NUMBER_FIELD = "integrations.whatsapp.preferredNumberId";

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

/** A patch choosing a number that is not one of the organization's WhatsApp numbers is a 422 on that field. */
export async function assertOrgReferences(tx: Tx, orgId: string | null, patch: PreferencesPatch): Promise<void> {
  const id = patch.integrations?.whatsapp?.preferredNumberId;
  if (id && (await whatsAppNumberChoice(tx, orgId, id)).unavailable)
    throw invalid({ [WHATSAPP_NUMBER_FIELD]: ["whatsappNumberNotInOrganization"] });
}

/**
 * `prefs` as they apply in the organization: a number that is not (or no longer) one of its
 * WhatsApp numbers reads as none. `unavailable` names the fields that were set but read as none.
 */
export async function inOrganization(
  tx: Tx,
  orgId: string | null,
  prefs: AppPreferences,
): Promise<{ preferences: AppPreferences; unavailable: string[] }> {
  const stored = prefs.integrations.whatsapp.preferredNumberId;
  if (!stored || !(await whatsAppNumberChoice(tx, orgId, stored)).unavailable)
    return { preferences: prefs, unavailable: [] };
  return {
    preferences: { ...prefs, integrations: { ...prefs.integrations, whatsapp: { preferredNumberId: null } } },
    unavailable: [WHATSAPP_NUMBER_FIELD],
  };
}

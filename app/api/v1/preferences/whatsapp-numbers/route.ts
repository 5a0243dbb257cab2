import { route } from "@/lib/http/route";
import { whatsAppNumberChoice } from "@/lib/preferences/org-references";
import { getPreferences } from "@/lib/preferences/store";

/**
 * The picker of Settings → Preferences, for every member: the current organization's active
 * WhatsApp numbers (display name and number only), the user's choice if it is one of them, and
 * whether a stored choice no longer is (it reads as none).
 */
export const GET = route({ org: true }, async ({ org, rls, user }) =>
  rls(async (tx) =>
    whatsAppNumberChoice(tx, org.orgId, (await getPreferences(tx, user.id)).integrations.whatsapp.preferredNumberId),
  ),
);

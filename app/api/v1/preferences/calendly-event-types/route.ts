import { route } from "@/lib/http/route";
import { refreshEventTypes } from "@/lib/integrations/calendly/event-types";
import { eventTypeChoice } from "@/lib/preferences/org-references";
import { getPreferences } from "@/lib/preferences/store";

/**
 * The picker of Settings → Preferences, for every member: the Calendly event types the
 * organization offers (listed afresh from its connection, else the sandbox's), the user's default
 * if it is one of them, and whether a stored default no longer is (it reads as none).
 */
export const GET = route({ org: true }, async ({ org, rls, user }) => {
  // Before the transaction: listing calls Calendly and keeps the answer in its own transaction.
  const { source, eventTypes, listFailed } = await refreshEventTypes(org.orgId);
  const stored = await rls(async (tx) => (await getPreferences(tx, user.id)).integrations.calendly.defaultEventTypeUri);
  const { selected, unavailable } = eventTypeChoice(eventTypes, stored);
  return { source, eventTypes, listFailed, selected: selected?.uri ?? null, unavailable };
});

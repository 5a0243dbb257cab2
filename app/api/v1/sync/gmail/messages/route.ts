import { route } from "@/lib/http/route";
import { gmailSearchQuerySchema, searchSyncedGmail } from "@/lib/inbox/gmail-search";

/** Mail synced from members' Gmail that the caller may see, newest first; `q` searches, `leadId` narrows. */
export const GET = route({ org: true, query: gmailSearchQuerySchema }, async ({ org, query, rls }) => ({
  messages: await rls((tx) => searchSyncedGmail(tx, org.orgId, query)),
}));

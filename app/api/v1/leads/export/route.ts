import { requireOrg, route } from "@/lib/http/route";
import { exportFilename, exportLeadsCsv } from "@/lib/leads/csv";
import { listLeadsQuerySchema } from "@/lib/leads/schema";

/** The list's current filter as CSV, every page, streamed in keyset batches of 1,000. */
export const GET = route({ query: listLeadsQuerySchema }, async ({ session, query }) => {
  const org = requireOrg(session);
  return new Response(exportLeadsCsv(session.claims, org.orgId, session.user.id, query), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${exportFilename()}"`,
      "cache-control": "no-store",
    },
  });
});

import { route } from "@/lib/http/route";
import { exportFilename, exportLeadsCsv } from "@/lib/leads/csv";
import { listLeadsQuerySchema } from "@/lib/leads/schema";

/** The list's current filter as CSV, every page, streamed in keyset batches of 1,000. */
export const GET = route(
  { scope: "leads:read", org: true, query: listLeadsQuerySchema },
  async ({ org, session, query, user }) => {
    return new Response(exportLeadsCsv(session.claims, org.orgId, user.id, query), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${exportFilename()}"`,
        "cache-control": "no-store",
      },
    });
  },
);

import { problemTexts } from "@/lib/http/problem";
import { route } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";
import { importLeads, importLeadsStream, prepareImport } from "@/lib/leads/csv";

/**
 * Step 2: the same file again with the chosen mapping (multipart fields `file` and
 * `mapping`, text/csv, or JSON `{ csv, mapping }`). One import per organization at a time,
 * within a daily cap (429 otherwise). Answers the per-row report; with `?stream=1`,
 * NDJSON progress lines `{ processed, total }` and then `{ report }`.
 */
export const POST = route({ scope: "leads:write", org: true }, async ({ org, session, request, locale }) => {
  const actor = userActor(session);
  const language = await locale();
  const prepared = await prepareImport(session.claims, org.orgId, actor, request, language);
  const texts = problemTexts(language);
  const run = (onProgress?: Parameters<typeof importLeads>[5]) =>
    importLeads(session.claims, org.orgId, org.role, actor, prepared, onProgress, texts);
  if (new URL(request.url).searchParams.get("stream") === "1") {
    return new Response(importLeadsStream(run, texts), {
      headers: { "content-type": "application/x-ndjson", "cache-control": "no-store" },
    });
  }
  return run();
});

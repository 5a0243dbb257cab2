import { requireOrg, route } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";
import { importLeads, importLeadsStream, prepareImport, readUpload } from "@/lib/leads/csv";

/**
 * Step 2: the same file again with the chosen mapping (multipart fields `file` and
 * `mapping`, or JSON `{ csv, mapping }`). Answers the per-row report; with `?stream=1`,
 * NDJSON progress lines `{ processed, total }` and then `{ report }`.
 */
export const POST = route({}, async ({ session, request }) => {
  const org = requireOrg(session);
  const upload = await readUpload(request);
  const prepared = prepareImport(upload.text, upload.fields.mapping);
  const run = (onProgress?: Parameters<typeof importLeads>[5]) =>
    importLeads(session.claims, org.orgId, org.role, userActor(session), prepared, onProgress);
  if (new URL(request.url).searchParams.get("stream") === "1") {
    return new Response(importLeadsStream(run), { headers: { "content-type": "application/x-ndjson", "cache-control": "no-store" } });
  }
  return run();
});

import { z } from "zod";
import { notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { getMessageEmail } from "@/lib/inbox/queries";

const params = z.object({ id: uuidParam });

/** The whole email of a message: bodies (HTML raw, to be sanitised for display), ids and addresses. */
export const GET = route({ org: true, params }, async ({ org, params, rls }) => {
  const email = await rls((tx) => getMessageEmail(tx, org.orgId, params.id));
  if (!email) throw notFound("emailNotFound");
  return Response.json({ email });
});

import { z } from "zod";
import { withRls } from "@/lib/db";
import { requireOrg, route, uuidParam } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";
import { addNote } from "@/lib/leads/mutations";
import { noteSchema } from "@/lib/leads/schema";

export const POST = route({ params: z.object({ id: uuidParam }), body: noteSchema }, async ({ session, params, body }) => {
  const org = requireOrg(session);
  await withRls(session.claims, (tx) => addNote(tx, userActor(session), org.orgId, params.id, body.text));
  return Response.json({ ok: true }, { status: 201 });
});

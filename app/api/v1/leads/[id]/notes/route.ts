import { z } from "zod";
import { route, uuidParam } from "@/lib/http/route";
import { userActor } from "@/lib/leads/actor";
import { addNote } from "@/lib/leads/mutations";
import { noteSchema } from "@/lib/leads/schema";

export const POST = route(
  { scope: "leads:write", org: true, params: z.object({ id: uuidParam }), body: noteSchema },
  async ({ org, session, params, body, rls }) => {
    await rls((tx) => addNote(tx, userActor(session), org.orgId, params.id, body.text));
    return Response.json({ ok: true }, { status: 201 });
  },
);

import { z } from "zod";
import { withRls } from "@/lib/db";
import { requireOrg, route, uuidParam } from "@/lib/http/route";
import { updateProject } from "@/lib/orgs/projects";
import { updateProjectSchema } from "@/lib/orgs/schema";

export const PATCH = route({ role: "manager", params: z.object({ id: uuidParam }), body: updateProjectSchema }, async ({ session, params, body }) => {
  const org = requireOrg(session);
  return { project: await withRls(session.claims, (tx) => updateProject(tx, session.user.id, org.orgId, params.id, body)) };
});

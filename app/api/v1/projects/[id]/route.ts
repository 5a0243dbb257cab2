import { z } from "zod";
import { withRls } from "@/lib/db";
import { requireOrg, route, uuidParam } from "@/lib/http/route";
import { updateProject } from "@/lib/orgs/projects";
import { updateProjectSchema } from "@/lib/orgs/schema";
import { MIN_ROLE } from "@/lib/auth/permissions";

export const PATCH = route({ role: MIN_ROLE.manageProjects, params: z.object({ id: uuidParam }), body: updateProjectSchema }, async ({ session, params, body }) => {
  const org = requireOrg(session);
  return { project: await withRls(session.claims, (tx) => updateProject(tx, session.user.id, org.orgId, params.id, body)) };
});

import { z } from "zod";
import { route, uuidParam } from "@/lib/http/route";
import { updateProject } from "@/lib/orgs/projects";
import { updateProjectSchema } from "@/lib/orgs/schema";
import { MIN_ROLE } from "@/lib/auth/permissions";

export const PATCH = route(
  { role: MIN_ROLE.manageProjects, params: z.object({ id: uuidParam }), body: updateProjectSchema },
  async ({ org, params, body, rls, user }) => ({
    project: await rls((tx) => updateProject(tx, user.id, org.orgId, params.id, body)),
  }),
);

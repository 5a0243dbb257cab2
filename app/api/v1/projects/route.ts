import { z } from "zod";
import { route } from "@/lib/http/route";
import { createProject, listProjects } from "@/lib/orgs/projects";
import { projectSchema } from "@/lib/orgs/schema";
import { MIN_ROLE } from "@/lib/auth/permissions";

export const GET = route(
  { org: true, query: z.object({ archived: z.enum(["true", "false"]).optional() }) },
  async ({ org, query, rls }) => ({
    projects: await rls((tx) => listProjects(tx, org.orgId, { includeArchived: query.archived === "true" })),
  }),
);

export const POST = route({ role: MIN_ROLE.manageProjects, body: projectSchema }, async ({ org, body, rls, user }) => {
  const project = await rls((tx) => createProject(tx, user.id, org.orgId, body));
  return Response.json({ project }, { status: 201 });
});

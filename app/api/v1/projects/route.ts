import { z } from "zod";
import { withRls } from "@/lib/db";
import { requireOrg, route } from "@/lib/http/route";
import { createProject, listProjects } from "@/lib/orgs/projects";
import { projectSchema } from "@/lib/orgs/schema";
import { MIN_ROLE } from "@/lib/auth/permissions";

export const GET = route({ query: z.object({ archived: z.enum(["true", "false"]).optional() }) }, async ({ session, query }) => {
  const org = requireOrg(session);
  return { projects: await withRls(session.claims, (tx) => listProjects(tx, org.orgId, { includeArchived: query.archived === "true" })) };
});

export const POST = route({ role: MIN_ROLE.manageProjects, body: projectSchema }, async ({ session, body }) => {
  const org = requireOrg(session);
  const project = await withRls(session.claims, (tx) => createProject(tx, session.user.id, org.orgId, body));
  return Response.json({ project }, { status: 201 });
});

import { z } from "zod";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { updateTemplateVariablesSchema } from "@/lib/outreach/schema";
import { getTemplate, setTemplateVariables } from "@/lib/outreach/templates";

const params = z.object({ id: uuidParam });

/** What fills each variable of a synced template (name, company, owner, meeting link, or typed by the sender). */
export const PATCH = route(
  { role: MIN_ROLE.manageChannels, params, body: updateTemplateVariablesSchema },
  async ({ org, params, body, rls }) =>
    rls(async (tx) => {
      if (!(await setTemplateVariables(tx, org.orgId, params.id, body.variables))) throw notFound("templateNotFound");
      return { template: await getTemplate(tx, org.orgId, params.id) };
    }),
);

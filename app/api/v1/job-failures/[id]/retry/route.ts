import { z } from "zod";
import { route, uuidParam } from "@/lib/http/route";
import { JOB_CATALOG } from "@/lib/jobs/catalog";
import { retryJobFailure } from "@/lib/jobs/failures";
import { MIN_ROLE } from "@/lib/auth/permissions";

export const POST = route(
  { role: MIN_ROLE.readJobFailures, params: z.object({ id: uuidParam }) },
  async ({ session, params }) => {
    await retryJobFailure(session.claims, params.id, JOB_CATALOG);
    return { ok: true };
  },
);

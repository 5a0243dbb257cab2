import { z } from "zod";
import { listAudit } from "@/lib/audit";
import { decodeCursor, encodeCursor } from "@/lib/http/cursor";
import { route } from "@/lib/http/route";
import { MIN_ROLE } from "@/lib/auth/permissions";

const query = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const GET = route({ role: MIN_ROLE.readAuditLog, query }, async ({ org, query, rls }) => {
  const before = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await rls((tx) => listAudit(tx, org.orgId, { before, limit: query.limit + 1 }));
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    entries: page,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null,
  };
});

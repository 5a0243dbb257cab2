import { withService } from "@/lib/db";
import { pendingMigrations } from "@/lib/db/migrate";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Liveness and readiness: the database answers and every migration on disk is applied. */
export const GET = route({ auth: "none" }, async ({ log }) => {
  try {
    const pending = await withService((tx) => pendingMigrations(tx));
    const body = {
      status: pending.length ? "degraded" : "ok",
      db: "ok",
      migrations: pending.length ? "pending" : "current",
    };
    return Response.json(body, { status: pending.length ? 503 : 200 });
  } catch (error) {
    log.error({ err: error }, "health check failed");
    return Response.json({ status: "error", db: "unreachable", migrations: "unknown" }, { status: 503 });
  }
});

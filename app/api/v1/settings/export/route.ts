import { route } from "@/lib/http/route";
import { exportFilename, exportSettings } from "@/lib/settings-transfer/export";

/** The signed-in user's settings as a JSON file to download (lib/settings-transfer). */
export const GET = route({ org: true }, async ({ org, user, rls }) => {
  const now = new Date();
  const document = await rls((tx) => exportSettings(tx, { userId: user.id, email: user.email, orgId: org.orgId }, now));
  return new Response(`${JSON.stringify(document, null, 2)}\n`, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${exportFilename(now)}"`,
      "cache-control": "no-store",
    },
  });
});

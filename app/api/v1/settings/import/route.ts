import { z } from "zod";
import { route } from "@/lib/http/route";
import { transferTexts } from "@/lib/settings-transfer/errors";
import { applyImport, previewImport } from "@/lib/settings-transfer/import";
import type { SettingsImportResult } from "@/lib/settings-transfer/sections";
import { parseSectionsParam, parseSettingsJson, readSettingsFile } from "@/lib/settings-transfer/upload";

const query = z.object({
  dryRun: z.enum(["true", "false"]).default("false"),
  sections: z.string().max(200).optional(),
});

/**
 * A settings file (JSON body, or a multipart `file`): `dryRun=true` answers what would change,
 * `false` applies the chosen `sections` all or nothing, in one transaction (lib/settings-transfer).
 */
export const POST = route({ org: true, query }, async ({ request, org, user, rls, query, locale }) => {
  const ctx = { userId: user.id, orgId: org.orgId, locale: await locale() };
  const texts = transferTexts(ctx.locale);
  const sections = parseSectionsParam(query.sections ?? null, texts);
  const value = parseSettingsJson(await readSettingsFile(request, texts), texts);
  const dryRun = query.dryRun === "true";
  const outcome = await rls((tx) => (dryRun ? previewImport : applyImport)(tx, ctx, value, sections));
  return { dryRun, applied: !dryRun, ...outcome } satisfies SettingsImportResult;
});

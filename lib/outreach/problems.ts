import "server-only";
import { ProviderTemplateError } from "@/lib/channels/provider-templates";
import { HttpError } from "@/lib/http/errors";
import { logger } from "@/lib/log";
import { submitTemplate, syncChannelTemplates } from "./sync";

/** A provider's refusal as a 502 problem (its words go to the log, its code to the caller). */
function providerProblem(error: unknown): never {
  if (!(error instanceof ProviderTemplateError)) throw error;
  logger.warn({ code: error.code, err: error.message }, "template provider refused");
  throw new HttpError(
    502,
    "Bad gateway",
    error.code === "no_business_account" ? "templatesNeedBusinessAccount" : "templateProviderFailed",
    { code: `provider_${error.code}` },
  );
}

export const syncOrProblem = (orgId: string, channelId: string) =>
  syncChannelTemplates(orgId, channelId).catch(providerProblem);

export const submitTemplateOrProblem = (orgId: string, templateId: string) =>
  submitTemplate(orgId, templateId).catch(providerProblem);

/**
 * The providers' template libraries, read and written over their documented APIs: the
 * WhatsApp Cloud API's /{WABA-ID}/message_templates (plain fetch to WHATSAPP_GRAPH_URL) and
 * Twilio's Content API (ContentAndApprovals, through the official SDK). Answers one shape,
 * ProviderTemplate; lib/outreach stores it. Owns no table.
 */
import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";
import { templateStatusOf, type ProviderTemplateStatus } from "./template-status";
import { twilioClient } from "./twilio";

export { templateStatusOf, type ProviderTemplateStatus };

export type ProviderTemplate = {
  providerTemplateId: string;
  name: string;
  language: string;
  category: "marketing" | "utility" | "authentication";
  body: string;
  examples: string[];
  buttons: { type: string; text: string; url?: string }[];
  status: ProviderTemplateStatus;
  rejectedReason: string | null;
};

/** A provider refused or could not be reached; `code` is the provider's, for the log and the problem. */
export class ProviderTemplateError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const categoryOf = (category: string | undefined | null): ProviderTemplate["category"] => {
  const c = (category ?? "").toLowerCase();
  return c === "marketing" || c === "authentication" ? c : "utility";
};

// ------------------------------------------------------------------------- WhatsApp Cloud API

const cloudComponent = z
  .object({
    type: z.string(),
    text: z.string().optional(),
    example: z
      .object({ body_text: z.array(z.array(z.string())).optional() })
      .partial()
      .optional(),
    buttons: z.array(z.object({ type: z.string(), text: z.string(), url: z.string().optional() })).optional(),
  })
  .passthrough();
const cloudTemplate = z.object({
  id: z.string(),
  name: z.string(),
  language: z.string(),
  status: z.string().optional(),
  category: z.string().optional(),
  rejected_reason: z.string().optional(),
  components: z.array(cloudComponent).default([]),
});
const cloudPage = z.object({
  data: z.array(cloudTemplate),
  paging: z
    .object({ cursors: z.object({ after: z.string().optional() }).partial().optional(), next: z.string().optional() })
    .optional(),
});
const cloudError = z.object({ error: z.object({ code: z.number().optional(), message: z.string().optional() }) });

const graph = (path: string) => `${env().WHATSAPP_GRAPH_URL.replace(/\/$/, "")}/${path}`;

async function graphRequest(url: string, init: RequestInit = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { authorization: `Bearer ${env().WHATSAPP_ACCESS_TOKEN}`, "content-type": "application/json" },
      redirect: "error",
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new ProviderTemplateError("network", (error as Error).message);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = cloudError.safeParse(body);
    throw new ProviderTemplateError(
      error.success && error.data.error.code ? String(error.data.error.code) : `http_${response.status}`,
      (error.success && error.data.error.message) || `The Cloud API answered ${response.status}.`,
    );
  }
  return body;
}

function fromCloud(template: z.infer<typeof cloudTemplate>): ProviderTemplate | null {
  const body = template.components.find((c) => c.type.toUpperCase() === "BODY");
  if (!body?.text) return null;
  const buttons = template.components.find((c) => c.type.toUpperCase() === "BUTTONS")?.buttons ?? [];
  return {
    providerTemplateId: template.id,
    name: template.name,
    language: template.language,
    category: categoryOf(template.category),
    body: body.text,
    examples: body.example?.body_text?.[0] ?? [],
    buttons: buttons.map((b) => ({ type: b.type.toLowerCase(), text: b.text, ...(b.url ? { url: b.url } : {}) })),
    status: templateStatusOf(template.status),
    rejectedReason: template.rejected_reason && template.rejected_reason !== "NONE" ? template.rejected_reason : null,
  };
}

/** Every template of the WhatsApp Business Account, page by page (cursor `after`). */
export async function listCloudTemplates(wabaId: string): Promise<ProviderTemplate[]> {
  const templates: ProviderTemplate[] = [];
  let after: string | undefined;
  for (let page = 0; page < 50; page++) {
    const query = new URLSearchParams({
      fields: "id,name,language,status,category,components,rejected_reason",
      limit: "100",
      ...(after ? { after } : {}),
    });
    const parsed = cloudPage.safeParse(
      await graphRequest(graph(`${encodeURIComponent(wabaId)}/message_templates?${query}`)),
    );
    if (!parsed.success)
      throw new ProviderTemplateError("bad_response", "The Cloud API's template list was not understood.");
    for (const template of parsed.data.data) {
      const mapped = fromCloud(template);
      if (mapped) templates.push(mapped);
    }
    after = parsed.data.paging?.next ? parsed.data.paging.cursors?.after : undefined;
    if (!after) break;
  }
  return templates;
}

/** Submits a new template for Meta's review; answers its id and first status (usually PENDING). */
export async function submitCloudTemplate(
  wabaId: string,
  template: {
    name: string;
    language: string;
    category: string;
    body: string;
    examples: string[];
    buttons: ProviderTemplate["buttons"];
  },
): Promise<{ providerTemplateId: string; status: ProviderTemplateStatus }> {
  const components: unknown[] = [
    {
      type: "BODY",
      text: template.body,
      ...(template.examples.length ? { example: { body_text: [template.examples] } } : {}),
    },
  ];
  if (template.buttons.length)
    components.push({
      type: "BUTTONS",
      buttons: template.buttons.map((b) => ({
        type: b.type.toUpperCase(),
        text: b.text,
        ...(b.url ? { url: b.url } : {}),
      })),
    });
  const answer = z.object({ id: z.string(), status: z.string().optional() }).safeParse(
    await graphRequest(graph(`${encodeURIComponent(wabaId)}/message_templates`), {
      method: "POST",
      body: JSON.stringify({
        name: template.name,
        language: template.language,
        category: template.category.toUpperCase(),
        components,
      }),
    }),
  );
  if (!answer.success)
    throw new ProviderTemplateError("bad_response", "The Cloud API accepted the template but returned no id.");
  return { providerTemplateId: answer.data.id, status: templateStatusOf(answer.data.status) };
}

// ---------------------------------------------------------------------------- Twilio Content

type Approval = { name?: string; category?: string; status?: string; rejection_reason?: string };
type TwilioType = { body?: string; actions?: { type?: string; title?: string; url?: string }[] };

/** Every content template of the Twilio account with its WhatsApp approval, through the SDK. */
export async function listTwilioContent(): Promise<ProviderTemplate[]> {
  let contents;
  try {
    contents = await twilioClient().content.v1.contentAndApprovals.list({ pageSize: 100, limit: 1000 });
  } catch (error) {
    const e = error as { status?: number; code?: number; message?: string };
    throw new ProviderTemplateError(
      e.code ? String(e.code) : e.status ? `http_${e.status}` : "network",
      e.message ?? "Twilio",
    );
  }
  const templates: ProviderTemplate[] = [];
  for (const content of contents) {
    const types = content.types as Record<string, TwilioType>;
    const type = Object.values(types).find((t) => typeof t?.body === "string");
    if (!type?.body) continue;
    const requests = content.approvalRequests as Approval & { whatsapp?: Approval };
    const approval: Approval = requests?.whatsapp ?? requests ?? {};
    const variables = (content.variables ?? {}) as Record<string, unknown>;
    templates.push({
      providerTemplateId: content.sid,
      name: content.friendlyName,
      language: content.language,
      category: categoryOf(approval.category),
      body: type.body,
      examples: Object.keys(variables)
        .sort((a, b) => Number(a) - Number(b))
        .map((key) => String(variables[key] ?? "")),
      buttons: (type.actions ?? [])
        .filter((a) => a.title)
        .map((a) => ({
          type: (a.type ?? "quick_reply").toLowerCase(),
          text: a.title!,
          ...(a.url ? { url: a.url } : {}),
        })),
      // Never submitted to WhatsApp ("unsubmitted" or no request): pending until someone submits it.
      status: templateStatusOf(approval.status),
      rejectedReason: approval.rejection_reason || null,
    });
  }
  return templates;
}

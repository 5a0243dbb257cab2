/**
 * The template library per channel (public.message_templates; this module is its one
 * writer): reading it, creating a template in Kiln (submitted to the Cloud API for review),
 * storing what a sync found, and following the provider's status webhook.
 */
import "server-only";
import type { ProviderTemplate, ProviderTemplateStatus } from "@/lib/channels/provider-templates";
import type { Tx } from "@/lib/db";
import { conflict } from "@/lib/http/errors";
import type { MessageTemplate } from "./types";
import { placeholders, type TemplateVariable } from "./variables";

const COLUMNS = `t.id, t.channel_id as "channelId", t.provider, t.provider_template_id as "providerTemplateId", t.name,
  t.language, t.category, t.body, t.variables, t.buttons, t.status, t.rejected_reason as "rejectedReason", t.sample,
  t.synced_at as "syncedAt", t.created_at as "createdAt"`;

/** A channel's templates, approved first; `approvedOnly` for the composer. */
export async function listTemplates(
  tx: Tx,
  orgId: string,
  channelId: string,
  opts: { approvedOnly?: boolean } = {},
): Promise<MessageTemplate[]> {
  const { rows } = await tx.query<MessageTemplate>(
    `select ${COLUMNS} from public.message_templates t
      where t.org_id = $1 and t.channel_id = $2 ${opts.approvedOnly ? "and t.status = 'approved'" : ""}
      order by (t.status = 'approved') desc, t.name, t.language`,
    [orgId, channelId],
  );
  return rows;
}

export async function getTemplate(tx: Tx, orgId: string, id: string): Promise<MessageTemplate | null> {
  const { rows } = await tx.query<MessageTemplate>(
    `select ${COLUMNS} from public.message_templates t where t.id = $1 and t.org_id = $2`,
    [id, orgId],
  );
  return rows[0] ?? null;
}

/** A sandbox channel's labelled sample set, added the first time its templates are looked at. */
export async function ensureSampleTemplates(tx: Tx, channelId: string): Promise<void> {
  await tx.query("select private.ensure_sample_templates($1)", [channelId]);
}

/** One variable per placeholder: the example the provider knows, the source Kiln guesses nothing about. */
function variablesFor(body: string, examples: string[], known: TemplateVariable[] = []): TemplateVariable[] {
  return placeholders(body).map((n, i) => ({ source: known[i]?.source ?? null, example: examples[i] ?? "" }));
}

/**
 * Stores what a provider answered for a channel (as service, by the sync): new templates
 * are added, known ones take the provider's body, category and status; variable sources
 * chosen in Kiln are kept. Templates the provider no longer has are marked disabled.
 */
export async function storeSyncedTemplates(
  tx: Tx,
  channel: { id: string; orgId: string; provider: "twilio" | "whatsapp_cloud" },
  templates: ProviderTemplate[],
  now = new Date(),
): Promise<{ stored: number; disabled: number }> {
  for (const template of templates) {
    const { rows } = await tx.query<{ variables: TemplateVariable[] }>(
      "select variables from public.message_templates where channel_id = $1 and name = $2 and language = $3",
      [channel.id, template.name, template.language],
    );
    await tx.query(
      `insert into public.message_templates as t (org_id, channel_id, provider, provider_template_id, name, language, category,
                                                 body, variables, buttons, status, rejected_reason, synced_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       on conflict (channel_id, name, language) do update set
         provider_template_id = excluded.provider_template_id, category = excluded.category, body = excluded.body,
         variables = excluded.variables, buttons = excluded.buttons, status = excluded.status,
         rejected_reason = excluded.rejected_reason, synced_at = excluded.synced_at`,
      [
        channel.orgId,
        channel.id,
        channel.provider,
        template.providerTemplateId,
        template.name,
        template.language,
        template.category,
        template.body.slice(0, 1024),
        JSON.stringify(variablesFor(template.body, template.examples, rows[0]?.variables)),
        JSON.stringify(template.buttons.slice(0, 10)),
        template.status,
        template.rejectedReason?.slice(0, 200) ?? null,
        now,
      ],
    );
  }
  const { rowCount } = await tx.query(
    `update public.message_templates set status = 'disabled', synced_at = $3
      where channel_id = $1 and not sample and status <> 'disabled' and provider_template_id is not null
        and not (provider_template_id = any($2::text[]))`,
    [channel.id, templates.map((t) => t.providerTemplateId), now],
  );
  return { stored: templates.length, disabled: rowCount ?? 0 };
}

/** A template an admin wrote in Kiln, stored as pending under RLS; the caller submits it (lib/outreach/sync.ts). */
export async function insertTemplate(
  tx: Tx,
  actorId: string,
  orgId: string,
  input: {
    channelId: string;
    provider: MessageTemplate["provider"];
    name: string;
    language: string;
    category: MessageTemplate["category"];
    body: string;
    variables: TemplateVariable[];
    buttons: MessageTemplate["buttons"];
  },
): Promise<string> {
  try {
    const { rows } = await tx.query<{ id: string }>(
      `insert into public.message_templates (org_id, channel_id, provider, name, language, category, body, variables, buttons, status, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10) returning id`,
      [
        orgId,
        input.channelId,
        input.provider,
        input.name,
        input.language,
        input.category,
        input.body,
        JSON.stringify(input.variables),
        JSON.stringify(input.buttons),
        actorId,
      ],
    );
    return rows[0]!.id;
  } catch (error) {
    if ((error as { code?: string }).code === "23505")
      throw conflict("templateExists", { name: ["templateNameTaken"] });
    throw error;
  }
}

/**
 * A template the provider never accepted for review leaves no trace: left "pending", it would
 * look submitted to everyone, and its name would block writing it again.
 */
export async function discardUnsubmittedTemplate(tx: Tx, id: string): Promise<void> {
  await tx.query(
    "delete from public.message_templates where id = $1 and provider_template_id is null and status = 'pending'",
    [id],
  );
}

/** What the provider answered to a submission (its id and first status). */
export async function recordSubmission(
  tx: Tx,
  id: string,
  answer: { providerTemplateId: string | null; status: ProviderTemplateStatus; rejectedReason?: string | null },
): Promise<void> {
  await tx.query(
    "update public.message_templates set provider_template_id = $2, status = $3, rejected_reason = $4 where id = $1",
    [id, answer.providerTemplateId, answer.status, answer.rejectedReason ?? null],
  );
}

/**
 * The Cloud API's message_template_status_update webhook (as service, after the signature):
 * every copy of that template (one per channel of the account) takes the new status. A
 * sandbox delivery reaches only its organization's templates.
 */
export async function applyTemplateStatus(
  tx: Tx,
  update: { providerTemplateId: string; status: ProviderTemplateStatus; reason: string | null },
  scope: { sandbox: boolean; orgId: string | null },
): Promise<string | null> {
  const { rows } = await tx.query<{ org_id: string }>(
    `update public.message_templates set status = $2, rejected_reason = $3
      where provider = 'whatsapp_cloud' and provider_template_id = $1 and (not $4 or org_id = $5::uuid)
      returning org_id`,
    [update.providerTemplateId, update.status, update.reason?.slice(0, 200) ?? null, scope.sandbox, scope.orgId],
  );
  return rows[0]?.org_id ?? null;
}

/** Sets what fills each variable (admins, under RLS). */
export async function setTemplateVariables(
  tx: Tx,
  orgId: string,
  id: string,
  variables: TemplateVariable[],
): Promise<boolean> {
  const { rowCount } = await tx.query(
    "update public.message_templates set variables = $3 where id = $1 and org_id = $2",
    [id, orgId, JSON.stringify(variables)],
  );
  return Boolean(rowCount);
}

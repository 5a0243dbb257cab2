/**
 * Bulk template sends (public.outreach_runs, outreach_recipients; this module is their one
 * writer). A member starts a run under RLS with the leads they can see; the job
 * (workers.ts) works through them a batch at a time at the run's pace (pace.ts), sending
 * each through the one outbound path as the member who started it, or recording why a
 * lead was skipped or failed. The report is readable later.
 */
import "server-only";
import { withService, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { HttpError, notFound } from "@/lib/http/errors";
import { sendSoon } from "@/lib/inbox/queue";
import { leadNames, silentLeadIds, visibleLeadIds } from "@/lib/leads/queries";
import type { Actor } from "@/lib/leads/types";
import type { HeatLevel } from "@/lib/scoring";
import { consentByLead } from "./consent";
import { leadFacts } from "./facts";
import { stepPlan } from "./pace";
import { startWithTemplate, templateBlock } from "./send";
import { getTemplate } from "./templates";
import type { RecipientReason } from "./types";
import { fillParameters } from "./variables";

export const MAX_BULK_RECIPIENTS = 1000;

type UserActor = Extract<Actor, { type: "user" }>;

export type BulkAudience = { leadIds: string[] } | { heat?: HeatLevel[]; silentDays: number };

/** Starts a run as the member (RLS): the template must be approved; the recipients are the leads they can see. */
export async function startBulkSend(
  tx: Tx,
  actor: UserActor,
  orgId: string,
  input: { templateId: string; audience: BulkAudience; ratePerMinute?: number },
  now = new Date(),
): Promise<{ runId: string; recipients: number }> {
  const template = await getTemplate(tx, orgId, input.templateId);
  if (!template)
    throw new HttpError(422, "Unprocessable content", "templateNotOnChannel", {
      errors: { templateId: ["templateUnknown"] },
    });
  if (template.status !== "approved")
    throw new HttpError(
      409,
      "Conflict",
      { key: "templateNotApproved", values: { name: template.name } },
      {
        code: "template_not_approved",
      },
    );
  const max = env().OUTREACH_MAX_RATE_PER_MINUTE;
  const rate = Math.min(input.ratePerMinute ?? max, max);
  const leadIds =
    "leadIds" in input.audience
      ? [...new Set(input.audience.leadIds)]
      : await silentLeadIds(tx, orgId, {
          before: new Date(now.getTime() - input.audience.silentDays * 86_400_000),
          heat: input.audience.heat,
          limit: MAX_BULK_RECIPIENTS,
        });
  if (!leadIds.length)
    throw new HttpError(422, "Unprocessable content", "bulkNoLeads", { errors: { audience: ["bulkNoLeads"] } });
  const { rows } = await tx.query<{ id: string }>(
    `insert into public.outreach_runs (org_id, template_id, template_name, channel_id, rate_per_minute, created_by)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [orgId, template.id, template.name, template.channelId, rate, actor.id],
  );
  const runId = rows[0]!.id;
  // Only leads this member can see become recipients.
  const visible = await visibleLeadIds(tx, orgId, leadIds);
  if (!visible.length) throw notFound("leadNotFound");
  await tx.query(`insert into public.outreach_recipients (run_id, org_id, lead_id) select $1, $2, unnest($3::uuid[])`, [
    runId,
    orgId,
    visible,
  ]);
  return { runId, recipients: visible.length };
}

type Run = {
  id: string;
  org_id: string;
  template_id: string | null;
  channel_id: string | null;
  rate_per_minute: number;
  created_by: string | null;
  creator_name: string | null;
  medium: "sms" | "whatsapp";
};

type Outcome = { status: "sent" | "skipped" | "failed"; reason: RecipientReason | null; messageId: string | null };

/**
 * One step of a run (as service): the next batch of recipients, each in its own savepoint so
 * one refusal does not undo the others. Answers whether recipients remain (and when to go on).
 */
export async function bulkStep(runId: string): Promise<{ remaining: boolean; delaySeconds: number }> {
  const sent: { id: string; orgId: string }[] = [];
  const result = await withService(async (tx) => {
    const { rows } = await tx.query<Run>(
      `select r.id, r.org_id, r.template_id, r.channel_id, r.rate_per_minute, r.created_by,
              coalesce(nullif(u.raw_user_meta_data ->> 'full_name', ''), u.email) as creator_name,
              case when 'whatsapp' = any(ch.capabilities) then 'whatsapp' else 'sms' end as medium
         from public.outreach_runs r
         left join auth.users u on u.id = r.created_by
         left join public.channels ch on ch.id = r.channel_id
        where r.id = $1 and r.status = 'running' for update of r`,
      [runId],
    );
    const run = rows[0];
    if (!run) return { remaining: false, delaySeconds: 0 };
    const plan = stepPlan(run.rate_per_minute);
    const { rows: batch } = await tx.query<{ lead_id: string }>(
      `select lead_id from public.outreach_recipients where run_id = $1 and status = 'pending'
        order by lead_id limit $2 for update skip locked`,
      [runId, plan.batch],
    );
    const template = run.template_id ? await getTemplate(tx, run.org_id, run.template_id) : null;
    const consent = await consentByLead(
      tx,
      batch.map((b) => b.lead_id),
      run.medium,
    );
    for (const { lead_id: leadId } of batch) {
      const outcome = await sendOne(tx, run, template, consent.get(leadId) ?? null, leadId);
      if (outcome.messageId) sent.push({ id: outcome.messageId, orgId: run.org_id });
      await tx.query(
        `update public.outreach_recipients set status = $3, reason = $4, message_id = $5, processed_at = now()
          where run_id = $1 and lead_id = $2`,
        [runId, leadId, outcome.status, outcome.reason, outcome.messageId],
      );
    }
    const { rows: left } = await tx.query<{ n: number }>(
      "select count(*)::int as n from public.outreach_recipients where run_id = $1 and status = 'pending'",
      [runId],
    );
    if (!left[0]!.n)
      await tx.query("update public.outreach_runs set status = 'done', finished_at = now() where id = $1", [runId]);
    return { remaining: left[0]!.n > 0, delaySeconds: plan.delaySeconds };
  });
  for (const message of sent) sendSoon(message);
  return result;
}

async function sendOne(
  tx: Tx,
  run: Run,
  template: Awaited<ReturnType<typeof getTemplate>>,
  consent: "opted_in" | "opted_out" | null,
  leadId: string,
): Promise<Outcome> {
  const skip = (reason: RecipientReason): Outcome => ({ status: "skipped", reason, messageId: null });
  if (!template || template.status !== "approved" || !run.channel_id || !run.created_by)
    return skip("template_unavailable");
  const block = templateBlock(template, consent);
  if (block === "opted_out") return skip("opted_out");
  if (block === "needs_opt_in") return skip("no_opt_in");
  const facts = await leadFacts(tx, run.org_id, leadId, { senderName: run.creator_name ?? "" });
  if (!facts) return skip("not_visible");
  if (!facts.phone) return skip("no_phone");
  const parameters = fillParameters(template.body, template.variables, facts);
  // A variable Kiln cannot fill (no company, no booking link) would send a broken message.
  if (parameters.some((p) => !p.trim())) return { status: "failed", reason: "send_refused", messageId: null };
  await tx.query("savepoint kiln_outreach_recipient");
  try {
    const { messageId } = await startWithTemplate(
      tx,
      { type: "user", id: run.created_by, name: run.creator_name ?? "" },
      run.org_id,
      leadId,
      { channelId: run.channel_id, medium: run.medium, templateId: template.id, parameters },
    );
    await tx.query("release savepoint kiln_outreach_recipient");
    return { status: "sent", reason: null, messageId };
  } catch (error) {
    await tx.query("rollback to savepoint kiln_outreach_recipient");
    if (!(error instanceof HttpError)) throw error;
    const code = error.extra.code;
    if (code === "lead_opted_out") return skip("opted_out");
    if (code === "opt_in_required") return skip("no_opt_in");
    return { status: "failed", reason: "send_refused", messageId: null };
  }
}

/**
 * Stops a running bulk send (its starter or a manager, under RLS): the leads still waiting are
 * skipped as cancelled, what was sent stays sent. False when it had already finished.
 */
export async function cancelRun(tx: Tx, orgId: string, runId: string): Promise<boolean> {
  const { rows } = await tx.query<{ id: string }>("select id from public.outreach_runs where id = $1 and org_id = $2", [
    runId,
    orgId,
  ]);
  if (!rows[0]) throw notFound("bulkSendNotFound");
  const { rows: done } = await tx.query<{ cancelled: boolean }>("select private.cancel_outreach_run($1) as cancelled", [
    runId,
  ]);
  return done[0]!.cancelled;
}

export type RunSummary = {
  id: string;
  templateName: string;
  channelId: string | null;
  ratePerMinute: number;
  status: "running" | "done" | "cancelled";
  createdBy: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  counts: { pending: number; sent: number; skipped: number; failed: number };
};

const RUN_COLUMNS = `r.id, r.template_name as "templateName", r.channel_id as "channelId", r.rate_per_minute as "ratePerMinute",
  r.status, r.created_by as "createdBy", r.created_at as "createdAt", r.finished_at as "finishedAt",
  (select jsonb_build_object(
     'pending', count(*) filter (where x.status = 'pending'), 'sent', count(*) filter (where x.status = 'sent'),
     'skipped', count(*) filter (where x.status = 'skipped'), 'failed', count(*) filter (where x.status = 'failed'))
     from public.outreach_recipients x where x.run_id = r.id) as counts`;

/** The runs this member may read (their own; managers all), newest first. */
export async function listRuns(tx: Tx, orgId: string, limit = 50): Promise<RunSummary[]> {
  const { rows } = await tx.query<RunSummary>(
    `select ${RUN_COLUMNS} from public.outreach_runs r where r.org_id = $1 order by r.created_at desc limit $2`,
    [orgId, limit],
  );
  return rows;
}

export type RunRecipient = {
  leadId: string;
  leadName: string | null;
  status: "pending" | "sent" | "skipped" | "failed";
  reason: RecipientReason | null;
  messageId: string | null;
  processedAt: Date | null;
};

/** One run's report: its counts and every recipient with what happened and why. */
export async function getRunReport(
  tx: Tx,
  orgId: string,
  runId: string,
): Promise<{ run: RunSummary; recipients: RunRecipient[] } | null> {
  const { rows } = await tx.query<RunSummary>(
    `select ${RUN_COLUMNS} from public.outreach_runs r where r.id = $1 and r.org_id = $2`,
    [runId, orgId],
  );
  if (!rows[0]) return null;
  const { rows: recipients } = await tx.query<Omit<RunRecipient, "leadName">>(
    `select x.lead_id as "leadId", x.status, x.reason, x.message_id as "messageId", x.processed_at as "processedAt"
       from public.outreach_recipients x
      where x.run_id = $1
      order by (x.status = 'pending'), x.processed_at, x.lead_id`,
    [runId],
  );
  // A lead the member may not see (or deleted for good) keeps its row without a name.
  const names = await leadNames(
    tx,
    recipients.map((r) => r.leadId),
  );
  return { run: rows[0], recipients: recipients.map((r) => ({ ...r, leadName: names.get(r.leadId) ?? null })) };
}

/**
 * People deciding tasks: approve (possibly edited) and send, reject with a reason, approve
 * in bulk, and leave feedback. Everything runs as the deciding user under RLS; the
 * database decides who may approve (private.guard_hil_task) and lets the agent's message
 * be written only for a task approved in the same transaction (private.queue_approved_draft).
 */
import "server-only";
import { withRls, type Claims, type Tx } from "@/lib/db";
import { forbidden, HttpError, notFound, renderDetail } from "@/lib/http/errors";
import { problemTexts, type ProblemTexts } from "@/lib/http/problem";
import { sendSoon } from "@/lib/inbox/queue";
import { queueOutboundMessage } from "@/lib/inbox/mutations";
import { insertLeadEvent } from "@/lib/leads/events";
import type { Actor } from "@/lib/leads/types";
import { notify } from "@/lib/notifications/notify";
import { emitWebhookEvent } from "@/lib/webhooks/emit";
import { editDistance } from "./draft";
import { messageApprovalPayloadSchema } from "./schema";
import type { TaskConflictCode, TaskStatus } from "./types";

type UserActor = Extract<Actor, { type: "user" }>;

type LockedTask = {
  id: string;
  kind: string;
  status: TaskStatus;
  payload: unknown;
  lead_id: string | null;
  conversation_id: string | null;
  agent_id: string | null;
  expires_at: Date | null;
  expired: boolean;
  decided_by_name: string | null;
};

/** Each outcome's `problems` key, and for a decided task the one that names who decided it. */
const CONFLICTS: Record<Exclude<TaskStatus, "pending">, { code: TaskConflictCode; key: string; byKey?: string }> = {
  superseded: { code: "task_superseded", key: "taskSuperseded" },
  expired: { code: "task_expired", key: "taskExpired" },
  approved: { code: "task_decided", key: "taskAlreadyApproved", byKey: "taskAlreadyApprovedBy" },
  rejected: { code: "task_decided", key: "taskAlreadyRejected", byKey: "taskAlreadyRejectedBy" },
};

export function taskConflict(status: Exclude<TaskStatus, "pending">, decidedBy: string | null = null): HttpError {
  const { code, key, byKey } = CONFLICTS[status];
  const detail = decidedBy && byKey ? { key: byKey, values: { who: decidedBy } } : key;
  return new HttpError(409, "Conflict", detail, { code });
}

/** Locks the task (a second decider waits here, then sees it decided). */
async function lockTask(tx: Tx, orgId: string, taskId: string): Promise<LockedTask> {
  const { rows } = await tx.query<LockedTask>(
    `select t.id, t.kind, t.status, t.payload, t.lead_id, t.conversation_id, t.agent_id, t.expires_at,
            (t.status = 'pending' and t.expires_at is not null and t.expires_at <= now()) as expired,
            nullif(coalesce(nullif(p.full_name, ''), p.email), '') as decided_by_name
       from public.hil_tasks t left join public.profiles p on p.id = t.decided_by
      where t.id = $1 and t.org_id = $2
      for update of t`,
    [taskId, orgId],
  );
  if (!rows[0]) throw notFound("taskNotFound");
  return rows[0];
}

/** Outcome of one decision: thrown only after the transaction committed (an expiry found on the way is kept). */
type Decision = { ok: true; messageId: string | null; conversationId: string | null } | { ok: false; error: HttpError };

async function checkDecidable(tx: Tx, orgId: string, task: LockedTask): Promise<HttpError | null> {
  if (task.status !== "pending") return taskConflict(task.status, task.decided_by_name);
  if (task.expired) {
    await tx.query(
      "update public.hil_tasks set status = 'expired', decision_note_kind = 'expired' where id = $1 and org_id = $2",
      [task.id, orgId],
    );
    return taskConflict("expired");
  }
  return null;
}

async function mayApprove(tx: Tx, orgId: string): Promise<boolean> {
  const { rows } = await tx.query<{ ok: boolean }>("select $1::uuid = any (private.orgs_approving()) as ok", [orgId]);
  return Boolean(rows[0]?.ok);
}

async function approveInTx(
  tx: Tx,
  actor: UserActor,
  orgId: string,
  taskId: string,
  body: string | undefined,
  now: Date,
): Promise<Decision> {
  const task = await lockTask(tx, orgId, taskId);
  if (!(await mayApprove(tx, orgId))) throw forbidden("approveNeedsManager");
  const conflict = await checkDecidable(tx, orgId, task);
  if (conflict) return { ok: false, error: conflict };

  if (task.kind !== "message_approval" || !task.conversation_id || !task.lead_id) {
    // Nothing to send (a manual review, say): approving marks it handled.
    await tx.query("update public.hil_tasks set status = 'approved', decision_note = null where id = $1", [task.id]);
    await notifyDecision(tx, orgId, task, actor, "approved", null);
    return { ok: true, messageId: null, conversationId: task.conversation_id };
  }

  const payload = messageApprovalPayloadSchema.parse(task.payload);
  // A template's text is the provider's: it is approved as proposed, never edited.
  const finalBody = payload.template ? payload.draft : (body ?? payload.draft);
  const distance = editDistance(payload.draft, finalBody);
  const { rowCount } = await tx.query(
    "update public.hil_tasks set status = 'approved', final_body = $2, edit_distance = $3 where id = $1 and status = 'pending'",
    [task.id, finalBody, distance],
  );
  if (!rowCount) return { ok: false, error: taskConflict("approved") };
  // Refuses (and so rolls the approval back) when the thread cannot take the message now.
  const { id: messageId } = await queueOutboundMessage(tx, {
    orgId,
    conversationId: task.conversation_id,
    body: finalBody,
    author: { kind: "approved_draft", taskId: task.id, actor },
    now,
    template: payload.template ?? null,
  });
  await insertLeadEvent(tx, {
    orgId,
    leadId: task.lead_id,
    type: "ai_draft_approved",
    actor,
    reasonKey: distance ? "reply_edited_approved" : "reply_approved",
    reasonParams: { name: actor.name },
    evidence: { kind: "message", ref: messageId },
    data: { taskId: task.id, messageId, agentId: task.agent_id, edited: distance > 0, editDistance: distance },
  });
  await notifyDecision(tx, orgId, task, actor, "approved", null);
  return { ok: true, messageId, conversationId: task.conversation_id };
}

async function notifyDecision(
  tx: Tx,
  orgId: string,
  task: LockedTask,
  actor: UserActor,
  decision: "approved" | "rejected",
  note: string | null,
) {
  await notify(tx, {
    kind: "approval_decided",
    orgId,
    taskId: task.id,
    leadId: task.lead_id,
    conversationId: task.conversation_id,
    decision,
    decidedBy: actor.id,
    note,
  });
  await emitWebhookEvent(tx, orgId, {
    type: "approval.decided",
    data: {
      task: { id: task.id, leadId: task.lead_id, conversationId: task.conversation_id },
      decision,
      decidedBy: actor.id,
    },
  });
}

/** Approves a draft (with the edited text, if any) and sends it; a conflict is thrown after commit. */
export async function approveTask(
  claims: Claims,
  actor: UserActor,
  orgId: string,
  taskId: string,
  body?: string,
): Promise<{ messageId: string | null }> {
  const decision = await withRls(claims, (tx) => approveInTx(tx, actor, orgId, taskId, body, new Date()));
  if (!decision.ok) throw decision.error;
  if (decision.messageId) sendSoon({ id: decision.messageId, orgId });
  return { messageId: decision.messageId };
}

export async function rejectTask(
  claims: Claims,
  actor: UserActor,
  orgId: string,
  taskId: string,
  reason: string,
): Promise<void> {
  const decision = await withRls(claims, async (tx): Promise<Decision> => {
    const task = await lockTask(tx, orgId, taskId);
    if (!(await mayApprove(tx, orgId))) throw forbidden("rejectNeedsManager");
    const conflict = await checkDecidable(tx, orgId, task);
    if (conflict) return { ok: false, error: conflict };
    await tx.query(
      "update public.hil_tasks set status = 'rejected', decision_note = $2 where id = $1 and status = 'pending'",
      [task.id, reason],
    );
    if (task.lead_id && task.kind === "message_approval") {
      await insertLeadEvent(tx, {
        orgId,
        leadId: task.lead_id,
        type: "ai_draft_rejected",
        actor,
        reasonKey: "reply_rejected",
        reasonParams: { name: actor.name, note: reason },
        data: { taskId: task.id, agentId: task.agent_id },
      });
    }
    await notifyDecision(tx, orgId, task, actor, "rejected", reason);
    return { ok: true, messageId: null, conversationId: task.conversation_id };
  });
  if (!decision.ok) throw decision.error;
}

export type BulkResult = { id: string; ok: boolean; messageId?: string; error?: { code: string; detail: string } };

/** Each task in its own transaction, so one conflict does not hold back the others; conflicts worded with `texts`. */
export async function bulkApprove(
  claims: Claims,
  actor: UserActor,
  orgId: string,
  ids: string[],
  texts: ProblemTexts = problemTexts("en"),
): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      const { messageId } = await approveTask(claims, actor, orgId, id);
      results.push({ id, ok: true, ...(messageId ? { messageId } : {}) });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      if (error.status === 403) throw error;
      results.push({
        id,
        ok: false,
        error: {
          code: error.extra.code ?? (error.status === 404 ? "not_found" : "conflict"),
          detail: error.detailKey ? renderDetail(error.detailKey, error.detailValues, texts.problems) : error.title,
        },
      });
    }
  }
  return results;
}

/** One rating per person per draft; giving another replaces it. */
export async function saveFeedback(
  tx: Tx,
  userId: string,
  orgId: string,
  taskId: string,
  input: { rating: "up" | "down"; comment?: string },
): Promise<void> {
  const { rows } = await tx.query("select 1 from public.hil_tasks where id = $1 and org_id = $2", [taskId, orgId]);
  if (!rows[0]) throw notFound("taskNotFound");
  await tx.query(
    `insert into public.ai_feedback (org_id, task_id, user_id, rating, comment) values ($1, $2, $3, $4, $5)
     on conflict (task_id, user_id) do update set rating = excluded.rating, comment = excluded.comment`,
    [orgId, taskId, userId, input.rating, input.comment || null],
  );
}

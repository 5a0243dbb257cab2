import { expect } from "vitest";
import { withService } from "@/lib/db";
import { settled } from "@/lib/jobs/soon";
import { AGENT_TEMPLATES } from "@/lib/agents/templates";
import { team } from "../api/http";
import { mobile, postTwilio, twilioInbound } from "../inbox/webhook-client";

/** Setup shared by the approvals integration tests: an SMS line, a lead who writes, and database reads. */

export type Team = Awaited<ReturnType<typeof team>>;

export const salesTemplate = AGENT_TEMPLATES.find((template) => template.role === "sales")!;
export const supportTemplate = AGENT_TEMPLATES.find((template) => template.role === "support")!;

/**
 * Work started by work started after a response (processing → drafting → sending) is
 * scheduled on a later tick than `settled()` looks; draining a few rounds catches it.
 */
export async function drained() {
  for (let round = 0; round < 4; round++) await settled();
}

export const one = async <T>(sql: string, params: unknown[]) =>
  withService(async (tx) => (await tx.query<T>(sql, params)).rows[0]);
export const count = async (sql: string, params: unknown[] = []) =>
  (await one<{ n: number }>(`select count(*)::int as n from ${sql}`, params))!.n;

/** The team's admin connects a new Twilio SMS number; returns it. */
export async function addSmsLine(t: Team): Promise<string> {
  const number = mobile();
  const channel = await t.admin.browser.post("/api/v1/channels", {
    provider: "twilio",
    address: number,
    capabilities: ["sms"],
    label: "Main line",
  });
  expect(channel.status, JSON.stringify(channel.body)).toBe(201);
  return number;
}

/** The lead writes to the organization's number; the webhook is answered; the drafting that follows has finished. */
export async function leadWritesTo(orgId: string, number: string, from: string, body: string) {
  const response = await postTwilio(orgId, "/api/webhooks/twilio/messaging", twilioInbound(number, from, body));
  expect(response.status).toBe(200);
  await drained();
  return (await one<{ id: string; lead_id: string; mode: string }>(
    "select c.id, c.lead_id, c.mode from public.conversations c join public.leads l on l.id = c.lead_id where l.phone = $1 and c.org_id = $2",
    [from, orgId],
  ))!;
}

/** A conversation's tasks, oldest first. */
export const tasksOf = (conversationId: string) =>
  withService(
    async (tx) =>
      (
        await tx.query<{
          id: string;
          kind: string;
          status: string;
          payload: Record<string, unknown>;
          sent_message_id: string | null;
          decision_note: string | null;
          decision_note_kind: string | null;
          decision_note_params: Record<string, unknown>;
        }>(
          `select id, kind, status, payload, sent_message_id, decision_note, decision_note_kind, decision_note_params
             from public.hil_tasks where conversation_id = $1 order by created_at`,
          [conversationId],
        )
      ).rows,
  );

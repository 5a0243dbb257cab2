import "server-only";
import type { Tx } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import type { CreateAgentInput, UpdateAgentInput } from "./schema";

// The plan's active-agent limit is enforced by private.guard_ai_agent, which raises the code
// `agent_plan_limit` with its parameters; lib/http/errors.ts makes it the 409 `plan_limit`
// problem (rendered in the caller's language) that the UI shows with an upgrade hint.

/** Makes room for a new default: the unique index allows one per organization. */
async function clearDefault(tx: Tx, orgId: string, exceptId: string | null): Promise<void> {
  await tx.query(
    "update public.ai_agents set is_default = false where org_id = $1 and is_default and id is distinct from $2",
    [orgId, exceptId],
  );
}

export async function createAgent(tx: Tx, actorId: string, orgId: string, input: CreateAgentInput): Promise<string> {
  const active = input.active ?? true;
  // The first active agent answers conversations unless told otherwise.
  let isDefault = input.isDefault;
  if (isDefault === undefined) {
    const { rows } = await tx.query("select 1 from public.ai_agents where org_id = $1 and is_default and active", [
      orgId,
    ]);
    isDefault = active && rows.length === 0;
  }
  if (isDefault) await clearDefault(tx, orgId, null);
  const { rows } = await tx.query<{ id: string }>(
    `insert into public.ai_agents (org_id, name, role, personality, business, objectives, language, model, active, is_default, auto_send, scheduling_url, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
    [
      orgId,
      input.name,
      input.role,
      input.personality,
      input.business,
      input.objectives,
      input.language,
      input.model ?? null,
      active,
      isDefault && active,
      input.autoSend ?? false,
      input.schedulingUrl ?? null,
      actorId,
    ],
  );
  return rows[0]!.id;
}

export async function updateAgent(tx: Tx, orgId: string, id: string, input: UpdateAgentInput): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [id, orgId];
  const set = (column: string, value: unknown) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (input.name !== undefined) set("name", input.name);
  if (input.role !== undefined) set("role", input.role);
  if (input.personality !== undefined) set("personality", input.personality);
  if (input.business !== undefined) set("business", input.business);
  if (input.objectives !== undefined) set("objectives", input.objectives);
  if (input.language !== undefined) set("language", input.language);
  if (input.model !== undefined) set("model", input.model);
  if (input.active !== undefined) set("active", input.active);
  if (input.isDefault !== undefined) set("is_default", input.isDefault);
  if (input.autoSend !== undefined) set("auto_send", input.autoSend);
  if (input.schedulingUrl !== undefined) set("scheduling_url", input.schedulingUrl);
  if (input.isDefault) await clearDefault(tx, orgId, id);
  const { rowCount } = await tx.query(
    `update public.ai_agents set ${sets.join(", ")} where id = $1 and org_id = $2`,
    params,
  );
  if (!rowCount) throw notFound("agentNotFound");
}

export async function deleteAgent(tx: Tx, orgId: string, id: string): Promise<void> {
  const { rowCount } = await tx.query("delete from public.ai_agents where id = $1 and org_id = $2", [id, orgId]);
  if (!rowCount) throw notFound("agentNotFound");
}

import "server-only";
import { getAgent } from "@/lib/agents/queries";
import { listMemberships } from "@/lib/auth/session";
import type { Tx } from "@/lib/db";
import { getConversation } from "@/lib/inbox/queries";
import { listMembers } from "@/lib/orgs/members";
import { listProjects } from "@/lib/orgs/projects";
import { readContext, readUiState, type CurrentContext, type ParsedSessionStatePatch, type UiState } from "./schema";

/**
 * `public.user_session_state`: where the signed-in user left off on each device. Every function
 * runs under the user's RLS (own rows only); the database renews `expires_at` on every write
 * (trigger `private.renew_session_state`), so saving and loading both keep a state 7 more days.
 */

export type DeviceState = { currentContext: CurrentContext; uiState: UiState; lastUsedAt: string };

type Row = { current_context: unknown; ui_state: unknown; last_used_at: Date };

const toState = (row: Row): DeviceState => ({
  currentContext: readContext(row.current_context),
  uiState: readUiState(row.ui_state),
  lastUsedAt: row.last_used_at.toISOString(),
});

/**
 * Merges `patch` into this device's state (each top-level part given replaces the stored one)
 * and renews it. An expired row not yet deleted is started afresh rather than merged into.
 */
export async function saveState(tx: Tx, deviceId: string, patch: ParsedSessionStatePatch): Promise<void> {
  await tx.query(
    `insert into public.user_session_state (device_id, current_context, ui_state)
     values ($1, $2::jsonb, $3::jsonb)
     on conflict (user_id, device_id) do update set
       current_context = case when public.user_session_state.expires_at <= now() then excluded.current_context
                              else public.user_session_state.current_context || excluded.current_context end,
       ui_state = case when public.user_session_state.expires_at <= now() then excluded.ui_state
                       else public.user_session_state.ui_state || excluded.ui_state end,
       last_used_at = now()`,
    [deviceId, JSON.stringify(patch.currentContext ?? {}), JSON.stringify(patch.uiState ?? {})],
  );
}

/**
 * This device's state, renewed by reading it, with references that no longer resolve dropped
 * (and the cleaned state stored, so they stay gone). Null when the device has none or it expired.
 */
export async function loadState(tx: Tx, deviceId: string): Promise<DeviceState | null> {
  const { rows } = await tx.query<Row>(
    `update public.user_session_state set last_used_at = now()
      where user_id = (select auth.uid()) and device_id = $1 and expires_at > now()
      returning current_context, ui_state, last_used_at`,
    [deviceId],
  );
  if (!rows[0]) return null;
  const state = toState(rows[0]);
  const currentContext = await dropStaleReferences(tx, state.currentContext);
  if (JSON.stringify(currentContext) !== JSON.stringify(state.currentContext)) {
    await tx.query(
      `update public.user_session_state set current_context = $2::jsonb
        where user_id = (select auth.uid()) and device_id = $1`,
      [deviceId, JSON.stringify(currentContext)],
    );
  }
  return { ...state, currentContext };
}

/**
 * "Continue where you left off": the most recently used unexpired state of the user's other
 * devices, cleaned like loadState's (read only: the other device renews its own state).
 */
export async function latestOtherDevice(tx: Tx, deviceId: string): Promise<DeviceState | null> {
  const { rows } = await tx.query<Row>(
    `select current_context, ui_state, last_used_at from public.user_session_state
      where user_id = (select auth.uid()) and device_id <> $1 and expires_at > now()
      order by last_used_at desc limit 1`,
    [deviceId],
  );
  if (!rows[0]) return null;
  const state = toState(rows[0]);
  return { ...state, currentContext: await dropStaleReferences(tx, state.currentContext) };
}

/** Forgets this device's state (the user dismissed an offer, or cleared it). */
export async function clearState(tx: Tx, deviceId: string): Promise<void> {
  await tx.query(`delete from public.user_session_state where user_id = (select auth.uid()) and device_id = $1`, [
    deviceId,
  ]);
}

/** The daily job (service role): deletes every state past its expiry; answers how many. */
export async function deleteExpiredStates(tx: Tx): Promise<number> {
  const { rowCount } = await tx.query("delete from public.user_session_state where expires_at <= now()");
  return rowCount ?? 0;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The context without what no longer resolves for this user, checked through each owner's
 * RLS-visible lookups: an organization they left (and with it everything of that organization),
 * an archived or deleted project, an owner who left, a conversation that is gone or whose lead
 * was deleted, an agent that was removed. Never throws for a stale id: it is simply dropped.
 */
export async function dropStaleReferences(tx: Tx, context: CurrentContext): Promise<CurrentContext> {
  const orgId = context.orgId;
  if (!orgId || !(await listMemberships(tx)).some((m) => m.orgId === orgId)) {
    // Everything else in the context belongs to that organization's view.
    return { ...context, orgId: null, projectId: null, leads: null, inbox: null, approvals: null };
  }
  const next: CurrentContext = structuredClone(context);
  const projectIds = new Set((await listProjects(tx, orgId)).map((p) => p.id));
  if (next.projectId && !projectIds.has(next.projectId)) next.projectId = null;

  if (next.leads) {
    const { project, owner } = next.leads.filters as Record<string, string | undefined>;
    const filters = next.leads.filters as Record<string, string>;
    if (project && !projectIds.has(project)) delete filters.project;
    if (owner && UUID.test(owner) && !(await listMembers(tx, orgId)).some((m) => m.userId === owner)) {
      delete filters.owner;
    }
  }
  if (next.inbox?.conversationId && !(await getConversation(tx, orgId, next.inbox.conversationId))) {
    next.inbox.conversationId = null;
  }
  const agent = (next.approvals?.filters as Record<string, string> | undefined)?.agent;
  if (agent && !(await getAgent(tx, orgId, agent))) delete (next.approvals!.filters as Record<string, string>).agent;
  return next;
}

/** What the API answers: this device's state, else the offer of the latest other device's. */
export async function stateWithOffer(
  tx: Tx,
  deviceId: string | null,
): Promise<{ state: DeviceState | null; offer: DeviceState | null }> {
  const state = deviceId ? await loadState(tx, deviceId) : null;
  const offer = state ? null : await latestOtherDevice(tx, deviceId ?? "");
  return { state, offer };
}

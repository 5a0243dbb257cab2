import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withRls, withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { JOB_CATALOG } from "@/lib/jobs/catalog";
import { createLead, setDeleted } from "@/lib/leads/mutations";
import { createProject, updateProject } from "@/lib/orgs/projects";
import { removeMember } from "@/lib/orgs/members";
import {
  createSavedView,
  deleteSavedView,
  listSavedViews,
  replaceSavedViews,
  updateSavedView,
} from "@/lib/saved-views/store";
import { createSavedViewSchema } from "@/lib/saved-views/schema";
import { newDeviceId } from "@/lib/session-state/device";
import { readUiState, sessionStatePatchSchema } from "@/lib/session-state/schema";
import {
  isPanelOpen,
  isSectionCollapsed,
  viewModeOf,
  withPanel,
  withSection,
  withViewMode,
} from "@/lib/session-state/ui-state";
import { latestOtherDevice, loadState, saveState, stateWithOffer } from "@/lib/session-state/store";
import { cleanupJob } from "@/lib/session-state/workers";
import { startConversation } from "@/lib/inbox/mutations";
import { createChannel } from "@/lib/channels/admin";
import { addMember, createTestOrg, createTestUser, uniqueName, type TestUser } from "./helpers";

afterAll(() => closeDatabase());

let owner: TestUser;
let rep: TestUser;
let orgId: string;
beforeAll(async () => {
  owner = await createTestUser({ fullName: "State Owner" });
  rep = await createTestUser({ fullName: "State Rep" });
  orgId = await createTestOrg(owner, uniqueName("State Org"));
  await addMember(orgId, rep, "rep");
});

const patch = (value: unknown) => sessionStatePatchSchema.parse(value);
const expiryOf = (userId: string, deviceId: string) =>
  withService(async (tx) => {
    const { rows } = await tx.query<{ expires_at: Date; last_used_at: Date }>(
      "select expires_at, last_used_at from public.user_session_state where user_id = $1 and device_id = $2",
      [userId, deviceId],
    );
    return rows[0];
  });
const backdate = (userId: string, deviceId: string, days: number) =>
  withService((tx) =>
    tx.query(
      `update public.user_session_state set last_used_at = now() - make_interval(days => $3),
              expires_at = now() - make_interval(days => $3) + interval '7 days'
        where user_id = $1 and device_id = $2`,
      [userId, deviceId, days],
    ),
  );

describe("session state", () => {
  it("saves a patch that keeps the parts it does not name, and expires 7 days after the last use", async () => {
    const device = newDeviceId();
    await withRls(rep.claims, async (tx) => {
      await saveState(
        tx,
        device,
        patch({ currentContext: { orgId, page: "leads", leads: { filters: { heat: "hot" } } } }),
      );
      await saveState(tx, device, patch({ uiState: { openPanels: ["inbox.leadPanel"] } }));
    });
    const state = await withRls(rep.claims, (tx) => loadState(tx, device));
    expect(state?.currentContext.leads?.filters).toEqual({ heat: "hot" });
    expect(state?.uiState.openPanels).toEqual(["inbox.leadPanel"]);
    const row = await expiryOf(rep.id, device);
    const days = (row!.expires_at.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
  });

  it("round-trips the UI state: each change sends a whole part merged with the current one, and the rest is kept", async () => {
    const device = newDeviceId();
    const load = () => withRls(rep.claims, (tx) => loadState(tx, device));
    const save = (value: unknown) => withRls(rep.claims, (tx) => saveState(tx, device, patch(value)));
    await save({ currentContext: { orgId, page: "leads" } });
    // Nothing chosen yet: every panel shows, no section is collapsed, each list in its first mode.
    const fresh = (await load())!.uiState;
    expect(fresh).toEqual({ openPanels: null, collapsedSections: [], viewModes: {} });
    expect(isPanelOpen(fresh, "inbox.leadPanel") && isPanelOpen(fresh, "inbox.aiPanel")).toBe(true);
    expect(viewModeOf(fresh, "leads.table")).toBe("comfortable");

    // What the lead list and the inbox send, one change at a time (components/session-state/ui-state.tsx).
    await save({ uiState: withSection(fresh, "leads.filters", true) });
    await save({ uiState: withViewMode(fresh, "leads.table", "compact") });
    const listed = (await load())!.uiState;
    await save({ uiState: withSection(listed, "approvals.findings", true) });
    await save({ uiState: withPanel(listed, "inbox.leadPanel", false) });

    const state = await load();
    expect(state!.uiState).toEqual({
      openPanels: ["inbox.aiPanel"],
      collapsedSections: ["leads.filters", "approvals.findings"],
      viewModes: { "leads.table": "compact" },
    });
    expect(isSectionCollapsed(state!.uiState, "leads.heatCounts")).toBe(false);
    expect(state!.currentContext.page).toBe("leads");
    // The other device is offered the UI state along with the context.
    const offer = await withRls(rep.claims, (tx) => latestOtherDevice(tx, newDeviceId()));
    expect(offer?.uiState).toEqual(state!.uiState);
  });

  it("reads a stored UI state leniently: unknown keys and values dropped, a bad part falls back to its default", () => {
    expect(
      readUiState({
        openPanels: ["inbox.leadPanel", "inbox.gone"],
        collapsedSections: ["leads.filters"],
        viewModes: { "leads.table": "compact", "old.list": "grid" },
        sidebar: "wide",
      }),
    ).toEqual({ openPanels: null, collapsedSections: ["leads.filters"], viewModes: { "leads.table": "compact" } });
    expect(readUiState({ viewModes: { "leads.table": "tiny" } }).viewModes).toEqual({});
    expect(sessionStatePatchSchema.safeParse({ uiState: { viewModes: { "leads.table": "tiny" } } }).success).toBe(
      false,
    );
    expect(sessionStatePatchSchema.safeParse({ uiState: { collapsedSections: ["leads.everything"] } }).success).toBe(
      false,
    );
  });

  it("renews the expiry when the state is loaded, and forgets a state past its expiry", async () => {
    const device = newDeviceId();
    await withRls(rep.claims, (tx) => saveState(tx, device, patch({ currentContext: { orgId, page: "inbox" } })));
    await backdate(rep.id, device, 5);
    expect(await withRls(rep.claims, (tx) => loadState(tx, device))).not.toBeNull();
    expect((await expiryOf(rep.id, device))!.expires_at.getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);

    await backdate(rep.id, device, 8);
    expect(await withRls(rep.claims, (tx) => loadState(tx, device))).toBeNull();
  });

  it("a member cannot set their own expiry: every write renews to 7 days from now", async () => {
    const device = newDeviceId();
    await withRls(rep.claims, (tx) => saveState(tx, device, patch({ currentContext: {} })));
    await withRls(rep.claims, (tx) =>
      tx.query("update public.user_session_state set last_used_at = now() + interval '10 years' where device_id = $1", [
        device,
      ]),
    );
    expect((await expiryOf(rep.id, device))!.expires_at.getTime()).toBeLessThan(Date.now() + 7.01 * 86_400_000);
  });

  it("the daily cleanup job deletes expired states and keeps live ones", async () => {
    expect(JOB_CATALOG).toContain(cleanupJob);
    expect(cleanupJob.schedule).toBeTruthy();
    const [live, stale] = [newDeviceId(), newDeviceId()];
    await withRls(owner.claims, async (tx) => {
      await saveState(tx, live, patch({ currentContext: {} }));
      await saveState(tx, stale, patch({ currentContext: {} }));
    });
    await backdate(owner.id, stale, 9);
    await cleanupJob.run({}, { id: "test", attempt: 1 });
    expect(await expiryOf(owner.id, stale)).toBeUndefined();
    expect(await expiryOf(owner.id, live)).toBeDefined();
  });

  it("offers the latest other device's state only when this device has none", async () => {
    const user = await createTestUser({ fullName: "Two Devices" });
    await addMember(orgId, user, "rep");
    const [laptop, phone] = [newDeviceId(), newDeviceId()];
    await withRls(user.claims, (tx) =>
      saveState(tx, laptop, patch({ currentContext: { orgId, page: "leads", leads: { filters: { status: "new" } } } })),
    );
    const fresh = await withRls(user.claims, (tx) => stateWithOffer(tx, phone));
    expect(fresh.state).toBeNull();
    expect(fresh.offer?.currentContext.leads?.filters).toEqual({ status: "new" });
    await withRls(user.claims, (tx) => saveState(tx, phone, patch({ currentContext: {} })));
    expect((await withRls(user.claims, (tx) => stateWithOffer(tx, phone))).offer).toBeNull();
    expect(await withRls(user.claims, (tx) => latestOtherDevice(tx, laptop))).not.toBeNull();
  });

  it("drops stale references without errors: a deleted lead's conversation, an archived project, an organization left", async () => {
    const user = await createTestUser({ fullName: "Stale Refs" });
    await addMember(orgId, user, "manager");
    const actor = { type: "user" as const, id: owner.id, name: "Owner" };
    const [projectId, leadId, channelId] = await withRls(owner.claims, async (tx) => [
      (await createProject(tx, owner.id, orgId, { name: uniqueName("Archived"), description: "" })).id,
      await createLead(tx, actor, orgId, { name: "Gone lead", phone: "+41 79 555 77 88" }),
      await createChannel(tx, owner.id, orgId, {
        provider: "twilio",
        address: `+4176${String(Math.floor(1_000_000 + Math.random() * 8_999_999))}`,
        capabilities: ["sms"],
        label: "Stale line",
      }),
    ]);
    const conversationId = await withRls(owner.claims, (tx) =>
      startConversation(tx, actor, orgId, { leadId, channelId, medium: "sms" }),
    );
    const device = newDeviceId();
    await withRls(user.claims, (tx) =>
      saveState(
        tx,
        device,
        patch({
          currentContext: {
            orgId,
            projectId,
            page: "inbox",
            leads: { filters: { project: projectId, heat: "hot" } },
            inbox: { filters: { status: "open" }, conversationId },
          },
        }),
      ),
    );
    await withRls(owner.claims, async (tx) => {
      await updateProject(tx, owner.id, orgId, projectId, { archived: true });
      await setDeleted(tx, actor, orgId, leadId, true);
    });
    const cleaned = await withRls(user.claims, (tx) => loadState(tx, device));
    expect(cleaned?.currentContext).toMatchObject({
      orgId,
      projectId: null,
      leads: { filters: { heat: "hot" } },
      inbox: { filters: { status: "open" }, conversationId: null },
    });

    await withRls(owner.claims, (tx) => removeMember(tx, owner.id, orgId, user.id));
    const left = await withRls(user.claims, (tx) => loadState(tx, device));
    expect(left?.currentContext).toMatchObject({ orgId: null, leads: null, inbox: null, page: "inbox" });
  });

  it("refuses unknown keys and invalid values in a patch, and drops invalid filters", () => {
    expect(sessionStatePatchSchema.safeParse({ currentContext: { secret: 1 } }).success).toBe(false);
    expect(sessionStatePatchSchema.safeParse({ uiState: { openPanels: ["nope"] } }).success).toBe(false);
    expect(patch({ currentContext: { leads: { filters: { heat: "lukewarm", status: "new", evil: "x" } } } })).toEqual({
      currentContext: { leads: { filters: { status: "new" }, sort: null, columns: null } },
    });
  });

  it("another user, even in the same organization, neither reads nor writes someone's state", async () => {
    const device = newDeviceId();
    await withRls(rep.claims, (tx) => saveState(tx, device, patch({ currentContext: { orgId, page: "leads" } })));
    expect(await withRls(owner.claims, (tx) => loadState(tx, device))).toBeNull();
    const { rows } = await withRls(owner.claims, (tx) =>
      tx.query("select 1 from public.user_session_state where user_id = $1", [rep.id]),
    );
    expect(rows).toHaveLength(0);
    await withRls(owner.claims, (tx) => tx.query("delete from public.user_session_state where user_id = $1", [rep.id]));
    expect(await expiryOf(rep.id, device)).toBeDefined();
  });
});

describe("saved views", () => {
  const definition = { filters: { heat: "hot,burning" }, sort: "heat" as const, columns: ["owner", "tags"] };

  it("creates, lists, renames, changes and deletes the user's own views", async () => {
    const view = await withRls(rep.claims, (tx) =>
      createSavedView(tx, orgId, createSavedViewSchema.parse({ name: "Hot ones", definition })),
    );
    expect(view).toMatchObject({ name: "Hot ones", kind: "leads", definition });
    const renamed = await withRls(rep.claims, (tx) => updateSavedView(tx, orgId, view.id, { name: "Burning" }));
    expect(renamed.name).toBe("Burning");
    const changed = await withRls(rep.claims, (tx) =>
      updateSavedView(tx, orgId, view.id, { definition: { filters: {}, sort: null, columns: null } }),
    );
    expect(changed.definition.filters).toEqual({});
    expect((await withRls(rep.claims, (tx) => listSavedViews(tx, orgId))).map((v) => v.name)).toContain("Burning");
    expect(await withRls(owner.claims, (tx) => listSavedViews(tx, orgId))).toEqual([]);
    await expect(withRls(owner.claims, (tx) => deleteSavedView(tx, orgId, view.id))).rejects.toMatchObject({
      status: 404,
    });
    await withRls(rep.claims, (tx) => deleteSavedView(tx, orgId, view.id));
    expect(await withRls(rep.claims, (tx) => listSavedViews(tx, orgId))).toEqual([]);
  });

  it("refuses a second view with the same name in any case, and an empty or overlong name", async () => {
    await withRls(owner.claims, (tx) =>
      createSavedView(tx, orgId, createSavedViewSchema.parse({ name: "Mine", definition })),
    );
    await expect(
      withRls(owner.claims, (tx) =>
        createSavedView(tx, orgId, createSavedViewSchema.parse({ name: "MINE", definition })),
      ),
    ).rejects.toMatchObject({ status: 409 });
    expect(createSavedViewSchema.safeParse({ name: "  ", definition }).success).toBe(false);
    expect(createSavedViewSchema.safeParse({ name: "x".repeat(81), definition }).success).toBe(false);
    expect(createSavedViewSchema.safeParse({ name: "ok", kind: "inbox", definition }).success).toBe(false);
  });

  it("replaceSavedViews makes the set exactly the given one, and a second identical call changes nothing", async () => {
    const user = await createTestUser({ fullName: "Importer" });
    await addMember(orgId, user, "rep");
    await withRls(user.claims, (tx) =>
      createSavedView(tx, orgId, createSavedViewSchema.parse({ name: "Old", definition })),
    );
    const wanted = [
      createSavedViewSchema.parse({ name: "A", definition }),
      createSavedViewSchema.parse({ name: "B", definition: { filters: { status: "new" } } }),
    ];
    await withRls(user.claims, (tx) => replaceSavedViews(tx, orgId, wanted));
    const first = await withRls(user.claims, (tx) => listSavedViews(tx, orgId));
    expect(first.map((v) => v.name)).toEqual(["A", "B"]);
    await withRls(user.claims, (tx) => replaceSavedViews(tx, orgId, wanted));
    expect(await withRls(user.claims, (tx) => listSavedViews(tx, orgId))).toEqual(first);
  });
});

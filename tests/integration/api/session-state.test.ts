import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "@/lib/db/client";
import { DEVICE_COOKIE, newDeviceId } from "@/lib/session-state/device";
import { team } from "./http";

afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;
const STATE = "/api/v1/session-state";
const VIEWS = "/api/v1/saved-views";

describe("session state API", () => {
  let t: Team;
  beforeAll(async () => {
    t = await team();
  });

  it("a PUT answers 204 and the same device reads it back, filed under the current organization", async () => {
    const laptop = t.manager.browser.copy();
    laptop.setCookie(DEVICE_COOKIE, newDeviceId());
    const saved = await laptop.put(STATE, {
      currentContext: { page: "leads", leads: { filters: { heat: "hot" }, sort: "heat", columns: ["owner"] } },
    });
    expect(saved.status).toBe(204);
    expect(saved.text).toBe("");
    const read = await laptop.get(STATE);
    expect(read.status).toBe(200);
    expect(read.body.offer).toBeNull();
    expect(read.body.state.currentContext).toMatchObject({
      orgId: t.orgId,
      page: "leads",
      leads: { filters: { heat: "hot" }, sort: "heat", columns: ["owner"] },
    });
  });

  it("a new device is offered the last device's state until it has its own", async () => {
    const laptop = t.rep.browser.copy();
    laptop.setCookie(DEVICE_COOKIE, newDeviceId());
    await laptop.put(STATE, { currentContext: { page: "inbox", inbox: { filters: { status: "all" } } } });
    const phone = t.rep.browser.copy();
    phone.setCookie(DEVICE_COOKIE, newDeviceId());
    const offered = await phone.get(STATE);
    expect(offered.body.state).toBeNull();
    expect(offered.body.offer.currentContext).toMatchObject({ page: "inbox", inbox: { filters: { status: "all" } } });
    expect((await phone.put(STATE, { currentContext: {} })).status).toBe(204);
    expect((await phone.get(STATE)).body.offer).toBeNull();
  });

  it("the UI state round-trips through PUT and GET, each part replaced whole, and a new device is offered it", async () => {
    const laptop = t.owner.browser.copy();
    laptop.setCookie(DEVICE_COOKIE, newDeviceId());
    expect((await laptop.put(STATE, { currentContext: { page: "leads" } })).status).toBe(204);
    expect((await laptop.get(STATE)).body.state.uiState).toEqual({
      openPanels: null,
      collapsedSections: [],
      viewModes: {},
    });
    // The lead list collapses its filters and goes compact; the inbox closes its lead panel.
    await laptop.put(STATE, {
      uiState: { collapsedSections: ["leads.heatCounts", "leads.filters"], viewModes: { "leads.table": "compact" } },
    });
    await laptop.put(STATE, { uiState: { openPanels: ["inbox.aiPanel"] } });
    // Expanding one section again sends the whole list, without it.
    await laptop.put(STATE, { uiState: { collapsedSections: ["leads.filters"] } });
    const uiState = {
      openPanels: ["inbox.aiPanel"],
      collapsedSections: ["leads.filters"],
      viewModes: { "leads.table": "compact" },
    };
    const read = await laptop.get(STATE);
    expect(read.body.state.uiState).toEqual(uiState);
    expect(read.body.state.currentContext).toMatchObject({ orgId: t.orgId, page: "leads" });

    const phone = t.owner.browser.copy();
    phone.setCookie(DEVICE_COOKIE, newDeviceId());
    const offered = await phone.get(STATE);
    expect(offered.body.offer.uiState).toEqual(uiState);
    // Accepting copies the offer as the continue banner does; the phone then restores it as its own.
    expect((await phone.put(STATE, { currentContext: offered.body.offer.currentContext, uiState })).status).toBe(204);
    expect((await phone.get(STATE)).body.state.uiState).toEqual(uiState);
    expect((await laptop.put(STATE, { uiState: { viewModes: { "leads.table": "grid" } } })).status).toBe(422);
  });

  it("refuses a patch with unknown keys (422) and a browser without a device id (400)", async () => {
    const device = t.owner.browser.copy();
    device.setCookie(DEVICE_COOKIE, newDeviceId());
    expect((await device.put(STATE, { currentContext: { admin: true } })).status).toBe(422);
    expect((await device.put(STATE, { somethingElse: {} })).status).toBe(422);
    expect((await t.owner.browser.put(STATE, { currentContext: {} })).status).toBe(400);
  });
});

describe("saved views API", () => {
  let t: Team;
  beforeAll(async () => {
    t = await team();
  });

  it("creates, lists, renames and deletes a view; names are unique per user and validated", async () => {
    const definition = { filters: { status: "new" }, sort: "created", columns: null };
    const created = await t.rep.browser.post(VIEWS, { name: "New ones", definition });
    expect(created.status).toBe(201);
    const id = created.body.view.id as string;
    expect((await t.rep.browser.post(VIEWS, { name: "new ONES", definition })).status).toBe(409);
    expect((await t.rep.browser.post(VIEWS, { name: "", definition })).errors).toHaveProperty("name");
    // Another member of the same organization may use the name, and never sees the rep's view.
    expect((await t.manager.browser.post(VIEWS, { name: "New ones", definition })).status).toBe(201);
    expect((await t.manager.browser.get(VIEWS)).body.views).toHaveLength(1);
    expect((await t.manager.browser.patch(`${VIEWS}/${id}`, { name: "Taken over" })).status).toBe(404);

    const renamed = await t.rep.browser.patch(`${VIEWS}/${id}`, { name: "Fresh" });
    expect(renamed.body.view).toMatchObject({ name: "Fresh", definition });
    expect((await t.rep.browser.get(VIEWS)).body.views.map((v: { name: string }) => v.name)).toEqual(["Fresh"]);
    expect((await t.rep.browser.delete(`${VIEWS}/${id}`)).status).toBe(204);
    expect((await t.rep.browser.get(VIEWS)).body.views).toEqual([]);
  });
});

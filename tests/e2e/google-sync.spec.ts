import { setUpInboundEmail } from "./email-helpers";
import { expect, signIn, test, untilHydrated } from "./fixtures";

/**
 * Google without credentials: the e2e server has no Google OAuth client and runs with demo data,
 * so Settings → Integrations offers the sandbox Google, labelled as such. A rep connects it
 * through the real OAuth flow (against Kiln's own stand-in), turns on Calendar and Gmail, syncs,
 * and finds what the sandbox account holds (made from their newest leads) on the lead's page,
 * the meetings page and the inbox.
 */
const run = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
/** Two OAuth round trips, a sync or two and four pages on a busy 2-core machine. */
const JOURNEY_TIMEOUT = 180_000;

test("without Google credentials, a rep is offered the sandbox Google, with the steps to connect real Google", async ({
  page,
}) => {
  await signIn(page, "rep@acme.test");
  await page.goto("/settings/integrations");
  await expect(page.getByTestId("google-sandbox")).toHaveText("Sandbox");
  const card = page.getByTestId("google-card");
  await expect(card.getByTestId("google-sandbox-note")).toContainText("nothing leaves this server");
  await expect(card.getByTestId("google-sandbox-setup")).toContainText("/api/oauth/google/callback");
  await expect(page.getByRole("link", { name: "Connect a sandbox Google account" })).toBeVisible();
});

test("a rep connects the sandbox Google, turns on Calendar and Gmail, syncs, and finds the meetings and mail", async ({
  page,
  browser,
  axe,
}) => {
  test.setTimeout(JOURNEY_TIMEOUT);
  const id = run();
  // Synced mail is filed under the organization's mailbox: an admin sets one up first.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin@acme.test");
  await setUpInboundEmail(admin, `sales-${id}@acme-solar.example`);
  await admin.close();

  await signIn(page, "rep@acme.test");
  const origin = new URL(page.url()).origin;

  // The sandbox mailbox and calendar are made from the rep's three newest leads.
  const people = [
    { name: `Ilse Marwitz ${id}`, email: `ilse.marwitz.${id}@hofgut-sonnen.example` },
    { name: `Tomasz Wierzba ${id}`, email: `t.wierzba.${id}@kalkwerk-nord.example` },
    { name: `Noor Haddad ${id}`, email: `noor.${id}@haddad-bakery.example` },
  ];
  const leadIds: string[] = [];
  for (const person of people) {
    const created = await page.request.post("/api/v1/leads", { data: person, headers: { origin } });
    expect(created.status(), await created.text()).toBe(201);
    leadIds.push(((await created.json()) as { lead: { id: string } }).lead.id);
  }
  const [, visitLead, newest] = leadIds;

  await page.goto("/settings/integrations");
  const card = page.getByTestId("google-card");
  const connect = page.getByRole("link", { name: "Connect a sandbox Google account" });
  await untilHydrated(connect);
  await connect.click();
  // Start → the sandbox's consent screen (approved at once) → the callback → back here.
  await expect(page).toHaveURL(/\/settings\/integrations\?google=connected/);
  await expect(page.getByTestId("google-status")).toHaveText("Connected");
  await expect(card).toContainText("Google is connected.");
  await expect(card).toContainText("rep@acme.test");

  // Each part asks the sandbox for its own scopes (incremental authorization) and comes back on.
  for (const part of ["calendar", "gmail"] as const) {
    await page.goto("/settings/integrations");
    const box = page.getByTestId(`google-part-${part}`);
    await untilHydrated(box);
    // Not checked yet when clicked: the box turns on once the sandbox has granted the part.
    await box.click();
    await expect(page).toHaveURL(/\/settings\/integrations\?google=connected/);
    await expect(page.getByTestId(`google-part-${part}`)).toBeChecked();
  }
  await expect(page.getByTestId("google-part-calendar")).toBeChecked();

  const syncNow = page.getByTestId("google-sync-now-calendar");
  await untilHydrated(syncNow);
  await syncNow.click();
  // The job ends with its counts on the card. (The five-minute sweep may have read the calendar
  // first, leaving "sync now" only the changes since: none.)
  await expect(page.getByTestId("google-sync-last-calendar")).toContainText(/\d+ read · \d+ added/, {
    timeout: 30_000,
  });
  await expect(page.getByTestId("google-sync-error-calendar")).toHaveCount(0);
  // The sandbox calendar's three events were read: two with leads, one without.
  const jobs = (await (await page.request.get("/api/v1/sync/jobs?target=calendar")).json()) as {
    jobs: { status: string; counts: { seen: number } }[];
  };
  expect(jobs.jobs.filter((job) => job.status === "succeeded").map((job) => job.counts.seen)).toContain(3);
  await axe.check(page, "/settings/integrations (sandbox Google connected, synced)");

  // The intro call is with the newest lead: on their page, and on the meetings page, from Google.
  await page.goto(`/leads/${newest}`);
  await expect(page.getByTestId("lead-meetings")).toContainText(`Intro call with ${people[2]!.name}`);
  await page.goto(`/leads/${visitLead}`);
  await expect(page.getByTestId("lead-meetings")).toContainText(`Site visit: ${people[1]!.name}`);
  await page.goto("/meetings");
  const row = page.getByTestId("meeting-row").filter({ hasText: `Intro call with ${people[2]!.name}`, visible: true });
  await expect(row).toContainText("from Google Calendar");
  // The event without a lead stays in the calendar, not among the meetings.
  await expect(page.getByTestId("meeting-row").filter({ hasText: "Pipeline review" })).toHaveCount(0);

  // Gmail: once its on-demand sync exists, the lead's question is filed in the inbox.
  await page.goto("/settings/integrations");
  const gmailNow = page.getByTestId("google-sync-now-gmail");
  await expect(page.getByTestId("google-sync")).toBeVisible();
  if ((await gmailNow.count()) === 0) return;
  await untilHydrated(gmailNow);
  await gmailNow.click();
  await expect(page.getByTestId("google-sync-last-gmail")).toContainText(/\d+ read · \d+ added/, { timeout: 30_000 });
  await expect(page.getByTestId("google-sync-error-gmail")).toHaveCount(0);
  await page.goto("/inbox");
  const thread = page.getByTestId("conversation-row").filter({ hasText: people[2]!.name });
  await expect(thread.first()).toBeVisible();
  await thread.first().click();
  await expect(page.getByTestId("thread")).toContainText("Does the price include the installation");
});

import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

/**
 * Settings → Preferences → export and import: the export downloads the versioned file, a
 * modified file previews exactly what will change and applies it, and a bad file's error shows
 * next to the file picker or the section it is about. Globex's owner: no other journey depends
 * on the notification settings or saved views changed here.
 */

const USER = "owner@globex.test";

// The file is whatever JSON the export downloaded; the test edits the parts it is about.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

const section = (page: Page, name: string) => page.getByTestId(`transfer-${name}`);

async function choose(page: Page, content: unknown) {
  await page.getByLabel("Settings file").setInputFiles({
    name: "kiln-settings.json",
    mimeType: "application/json",
    buffer: Buffer.from(typeof content === "string" ? content : JSON.stringify(content, null, 2)),
  });
}

test("export downloads the settings, a modified file previews its changes and applies, a bad file shows its error", async ({
  page,
}) => {
  await signIn(page, USER);
  await page.goto("/settings/preferences");
  await page.waitForLoadState("networkidle");

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export my settings" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^kiln-settings-\d{4}-\d{2}-\d{2}\.json$/);
  const doc: Doc = JSON.parse(readFileSync((await download.path())!, "utf8"));
  expect(doc).toMatchObject({ kind: "kiln.settings", version: 1, user: { email: USER } });

  // A modified file: a later meeting reminder and one more saved view.
  const minutes = doc.sections.notifications.meetingReminderMinutes;
  const later = minutes === 45 ? 60 : 45;
  const edited = structuredClone(doc);
  edited.sections.notifications.meetingReminderMinutes = later;
  edited.sections.savedViews.push({
    name: "Imported hot leads",
    kind: "leads",
    definition: { filters: { heat: "hot" }, sort: null, columns: null },
  });
  await choose(page, edited);
  await expect(section(page, "notifications")).toContainText("1 change");
  await expect(section(page, "notifications")).toContainText(`meetingReminderMinutes ${minutes} → becomes ${later}`);
  await expect(section(page, "savedViews")).toContainText("1 change");
  await expect(section(page, "savedViews")).toContainText("Imported hot leads");
  await expect(section(page, "preferences")).toContainText("No changes");

  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("Your settings were imported.")).toBeVisible();
  // The same file again: nothing left to change.
  await expect(section(page, "notifications")).toContainText("No changes");
  await expect(section(page, "savedViews")).toContainText("No changes");
  await expect(page.getByRole("button", { name: "Apply" })).toBeDisabled();
  const saved = await page.request.get("/api/v1/notification-settings");
  expect((await saved.json()).settings.meetingReminderMinutes).toBe(later);

  // A file of a version this Kiln does not read: the error sits under the file picker.
  await choose(page, { ...doc, version: 7 });
  await expect(page.getByLabel("Settings file")).toHaveAccessibleDescription(
    "version: Version 7 is not one this Kiln reads (it reads version 1).",
  );
  await choose(page, "{ not json");
  await expect(page.getByLabel("Settings file")).toHaveAccessibleDescription("The file is not valid JSON.");

  // A dashboard of a project this organization lacks: the error sits on its section, which can be left out.
  const unknownProject = structuredClone(doc);
  unknownProject.sections.dashboards = [
    {
      project: { name: "Nowhere" },
      visibility: {},
      layout: [],
      preferences: { defaultRange: "7d", refreshSeconds: 60, density: "compact" },
    },
  ];
  await choose(page, unknownProject);
  await expect(section(page, "dashboards").getByRole("alert")).toContainText(
    'dashboards[0].project: No project named "Nowhere" in this organization.',
  );
  await section(page, "dashboards").getByRole("checkbox").uncheck();
  await expect(section(page, "dashboards").getByRole("alert")).toHaveCount(0);
  // The rest previews again: this older file would put the reminder back.
  await expect(section(page, "notifications")).toContainText("1 change");
  await expect(page.getByRole("button", { name: "Apply" })).toBeEnabled();
});

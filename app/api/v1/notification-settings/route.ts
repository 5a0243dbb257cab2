import { withRls } from "@/lib/db";
import { route } from "@/lib/http/route";
import { getSettings, notificationSettingsSchema, saveSettings } from "@/lib/notifications/settings";
import { vapidKeys } from "@/lib/notifications/vapid";

/** The user's own preferences (defaults until first saved) and whether web push is available here. */
export const GET = route({}, async ({ session }) => {
  const { settings, saved } = await withRls(session.claims, (tx) => getSettings(tx, session.user.id));
  return { settings, saved, push: { available: vapidKeys() !== null } };
});

/** Replaces the preferences as a whole (the settings form sends them all); field errors come back as 422. */
export const PUT = route({ body: notificationSettingsSchema }, async ({ session, body }) => {
  const settings = await withRls(session.claims, (tx) => saveSettings(tx, session.user.id, body));
  return { settings, saved: true, push: { available: vapidKeys() !== null } };
});

import { route } from "@/lib/http/route";
import { getSettings, notificationSettingsSchema, saveSettings } from "@/lib/notifications/settings";
import { vapidKeys } from "@/lib/notifications/vapid";

/** The user's own preferences (defaults until first saved) and whether web push is available here. */
export const GET = route({}, async ({ rls, user }) => {
  const { settings, saved } = await rls((tx) => getSettings(tx, user.id));
  return { settings, saved, push: { available: vapidKeys() !== null } };
});

/** Replaces the preferences as a whole (the settings form sends them all); field errors come back as 422. */
export const PUT = route({ body: notificationSettingsSchema }, async ({ body, rls, user }) => {
  const settings = await rls((tx) => saveSettings(tx, user.id, body));
  return { settings, saved: true, push: { available: vapidKeys() !== null } };
});

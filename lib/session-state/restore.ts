import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import type { OrgSession } from "@/lib/auth/page-session";
import { withRls } from "@/lib/db";
import { deviceIdFromCookies } from "./device";
import { viewQuery, type RememberedPage } from "./schema";
import { latestOtherDevice, loadState, type DeviceState } from "./store";

const requestDeviceId = async () => deviceIdFromCookies((await headers()).get("cookie"));

/**
 * This request's device state (renewed, stale references dropped), for a page of the signed-in
 * user. Once per request: the (app) layout (for the continue offer) and the page that restores a
 * view both ask, and reading renews and cleans the row. Keyed by the session, which `getSession`
 * already answers once per request, so the layout and the page share one read.
 */
export const deviceState = cache(async (session: OrgSession): Promise<DeviceState | null> => {
  const deviceId = await requestDeviceId();
  return deviceId ? withRls(session.claims, (tx) => loadState(tx, deviceId)) : null;
});

/**
 * "Continue where you left off": when this device has no state of its own, the latest other
 * device's (cleaned), for the (app) layout to render with the page; null otherwise. Once per request.
 */
export const continueOffer = cache(async (session: OrgSession): Promise<DeviceState | null> => {
  if (await deviceState(session)) return null;
  const deviceId = await requestDeviceId();
  return withRls(session.claims, (tx) => latestOtherDevice(tx, deviceId ?? ""));
});

/**
 * The query to restore silently when `page` is opened with no view in its URL: this device's
 * remembered view, if it was saved in the organization the user is in now. Explicit URL
 * parameters always win, so a page with any gets null.
 */
export function restoredQuery(
  state: DeviceState | null,
  session: OrgSession,
  page: RememberedPage,
  hasParams: boolean,
) {
  if (hasParams || !state || state.currentContext.orgId !== session.org.orgId) return null;
  return viewQuery(state.currentContext, page) || null;
}

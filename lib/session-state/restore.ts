import "server-only";
import { headers } from "next/headers";
import type { OrgSession } from "@/lib/auth/page-session";
import { withRls } from "@/lib/db";
import { deviceIdFromCookies } from "./device";
import { viewQuery, type RememberedPage } from "./schema";
import { loadState, type DeviceState } from "./store";

/** This request's device state (renewed), for a page of the signed-in user. */
export async function deviceState(session: OrgSession): Promise<DeviceState | null> {
  const deviceId = deviceIdFromCookies((await headers()).get("cookie"));
  return deviceId ? withRls(session.claims, (tx) => loadState(tx, deviceId)) : null;
}

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

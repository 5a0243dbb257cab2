import { route } from "@/lib/http/route";
import { listCalendarEvents } from "@/lib/sync/calendar/store";
import { calendarEventsQuerySchema } from "@/lib/sync/schema";

/** The caller's own synced calendar events overlapping [from, to), optionally only those with one lead. */
export const GET = route({ org: true, query: calendarEventsQuerySchema }, async ({ org, user, query, rls }) => ({
  events: await rls((tx) => listCalendarEvents(tx, org.orgId, user.id, query)),
}));

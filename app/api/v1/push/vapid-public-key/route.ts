import { route } from "@/lib/http/route";
import { vapidKeys } from "@/lib/notifications/vapid";

/** The application server key a browser subscribes with; null when push is not configured. */
export const GET = route({}, async () => ({ publicKey: vapidKeys()?.publicKey ?? null }));

import type { Metadata } from "next";
import { Suspense } from "react";
import { NotificationsView } from "@/components/notifications/notifications-view";
import { requireOrgSession } from "@/lib/auth/page-session";

export const metadata: Metadata = { title: "Notifications" };

/** The full notification center; filters live in the URL (?category=…&unread=true). */
export default async function NotificationsPage() {
  await requireOrgSession();
  return (
    <Suspense>
      <NotificationsView />
    </Suspense>
  );
}

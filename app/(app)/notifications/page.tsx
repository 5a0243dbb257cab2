import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { NotificationsView } from "@/components/notifications/notifications-view";
import { requireOrgSession } from "@/lib/auth/page-session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("notifications") };
}

/** The full notification center; filters live in the URL (?category=…&unread=true). */
export default async function NotificationsPage() {
  await requireOrgSession();
  return (
    <Suspense>
      <NotificationsView />
    </Suspense>
  );
}

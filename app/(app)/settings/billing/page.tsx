import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BillingPanel } from "@/components/billing/billing-panel";
import { requireOrgSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/permissions";
import { getBillingSummary } from "@/lib/billing/summary";
import { withRls } from "@/lib/db";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("billing"))("title") };
}

const NOTICES = {
  success: "noticeCheckout",
  canceled: "noticeCheckoutCanceled",
  paid: "noticeCheckout",
  changed: "noticeChanged",
} as const;

export default async function BillingPage({
  searchParams,
}: {
  searchParams: Promise<{ checkout?: string; sandbox?: string; changed?: string }>;
}) {
  const session = await requireOrgSession();
  if (!can(session.org.role, "manageBilling")) notFound();
  const [params, t, summary] = await Promise.all([
    searchParams,
    getTranslations("billing"),
    withRls(session.claims, (tx) => getBillingSummary(tx, session.org.orgId)),
  ]);
  if (!summary) notFound();
  const key = params.checkout ?? params.sandbox ?? (params.changed ? "changed" : undefined);
  const notice = key && key in NOTICES ? t(NOTICES[key as keyof typeof NOTICES]) : null;
  return <BillingPanel summary={summary} notice={notice} />;
}

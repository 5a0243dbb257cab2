import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ConsolePager, ConsoleSearch } from "@/components/admin/console-search";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { Table, TBody, TCell, THead, THeader, TRow } from "@/components/ui/table";
import { listOrganizations } from "@/lib/platform/admin";
import { consoleAdmin, linkCursor, param } from "@/lib/platform/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("platformAdmin"))("organizations") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

/** Every organization: plan and status, size, activity this month, onboarding, recent errors. */
export default async function AdminOrganizationsPage({ searchParams }: { searchParams: Search }) {
  const admin = await consoleAdmin();
  const search = await searchParams;
  const q = param(search.q)?.trim().slice(0, 200) || undefined;
  const [t, format, page] = await Promise.all([
    getTranslations("platformAdmin"),
    getFormatter(),
    listOrganizations(admin, { q, cursor: linkCursor(param(search.cursor)), limit: 25 }),
  ]);
  return (
    <Card title={t("organizations")} description={t("organizationsIntro")}>
      <div className="space-y-4">
        <ConsoleSearch action="/admin" q={q} placeholder={t("searchOrganizations")} />
        {page.items.length === 0 ? (
          <EmptyState title={q ? t("noMatches") : t("noOrganizations")} />
        ) : (
          <div className="overflow-x-auto">
            <Table data-testid="admin-organizations">
              <THead>
                <TRow>
                  <THeader>{t("organization")}</THeader>
                  <THeader>{t("plan")}</THeader>
                  <THeader>{t("status")}</THeader>
                  <THeader className="text-end">{t("members")}</THeader>
                  <THeader className="text-end">{t("leads")}</THeader>
                  <THeader className="text-end">{t("messagesThisMonth")}</THeader>
                  <THeader>{t("onboarding")}</THeader>
                  <THeader>{t("created")}</THeader>
                  <THeader className="pe-0">{t("errors7d")}</THeader>
                </TRow>
              </THead>
              <TBody>
                {page.items.map((org) => (
                  <TRow key={org.id} data-testid="admin-organization">
                    <TCell>
                      <div className="font-medium">{org.name}</div>
                      <div className="font-mono text-xs text-subtle-foreground" dir="ltr">
                        {org.id}
                      </div>
                    </TCell>
                    <TCell>{t("planName", { plan: org.billing.plan })}</TCell>
                    <TCell>
                      <Badge tone={statusTone(org.billing.status)}>
                        {t("subscriptionStatus", { status: org.billing.status ?? "none" })}
                      </Badge>
                    </TCell>
                    <TCell className="text-end tabular-nums">{format.number(org.members)}</TCell>
                    <TCell className="text-end tabular-nums">{format.number(org.leads)}</TCell>
                    <TCell className="text-end tabular-nums">{format.number(org.messagesThisMonth)}</TCell>
                    <TCell>
                      <span
                        title={org.onboarding.done.map((step) => t("onboardingStep", { step })).join(", ")}
                        className="tabular-nums"
                      >
                        {t("onboardingProgress", { done: org.onboarding.done.length, total: org.onboarding.total })}
                      </span>
                    </TCell>
                    <TCell className="whitespace-nowrap">
                      {format.dateTime(org.createdAt, { dateStyle: "medium" })}
                    </TCell>
                    <TCell className="pe-0">
                      <Link
                        href={`/admin/errors?org=${org.id}`}
                        className="text-primary-text hover:underline"
                        data-testid="admin-organization-errors"
                      >
                        {t("errorCount", { count: org.errors7d })}
                      </Link>
                    </TCell>
                  </TRow>
                ))}
              </TBody>
            </Table>
          </div>
        )}
        <ConsolePager action="/admin" nextCursor={page.nextCursor} params={{ q }} />
      </div>
    </Card>
  );
}

function statusTone(status: string | null) {
  if (status === "active") return "success" as const;
  if (status === "trialing") return "info" as const;
  if (status === "past_due" || status === "unpaid" || status === "incomplete") return "warning" as const;
  if (status === "canceled" || status === "incomplete_expired") return "danger" as const;
  return "neutral" as const;
}

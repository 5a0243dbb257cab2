import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { DirectionalArrow } from "@/components/ui/directional-icon";
import { EmptyState } from "@/components/ui/states";
import { Table, TBody, TCell, THead, THeader, TRow } from "@/components/ui/table";
import { listAudit } from "@/lib/audit";
import { requireOrgSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/permissions";
import { withRls } from "@/lib/db";
import { decodeCursor, encodeCursor, type Keyset } from "@/lib/http/cursor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pageTitles"))("audit") };
}
const PAGE = 50;

function describe(metadata: Record<string, unknown>): string {
  return Object.entries(metadata)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ");
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const session = await requireOrgSession();
  const org = session.org;
  if (!can(org.role, "readAuditLog")) notFound();
  const { cursor } = await searchParams;
  let before: Keyset | undefined;
  try {
    before = cursor ? decodeCursor(cursor) : undefined;
  } catch {
    before = undefined; // a tampered link shows the first page
  }
  const [t, format, rows] = await Promise.all([
    getTranslations("audit"),
    getFormatter(),
    withRls(session.claims, (tx) => listAudit(tx, org.orgId, { before, limit: PAGE + 1 })),
  ]);
  const page = rows.slice(0, PAGE);
  const last = page[page.length - 1];
  const next = rows.length > PAGE && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null;

  return (
    <Card title={t("title")} description={t("description", { org: org.orgName })}>
      {page.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <div className="overflow-x-auto">
          <Table data-testid="audit-table">
            <THead>
              <TRow>
                <THeader>{t("when")}</THeader>
                <THeader>{t("who")}</THeader>
                <THeader>{t("what")}</THeader>
                <THeader className="pe-0">{t("details")}</THeader>
              </TRow>
            </THead>
            <TBody>
              {page.map((row) => (
                <TRow key={row.id}>
                  <TCell className="whitespace-nowrap">
                    {format.dateTime(row.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                  </TCell>
                  <TCell>{row.actorName || row.actorEmail || t("system")}</TCell>
                  <TCell className="font-mono text-xs">{row.action}</TCell>
                  <TCell className="text-xs text-muted-foreground pe-0">{describe(row.metadata)}</TCell>
                </TRow>
              ))}
            </TBody>
          </Table>
        </div>
      )}
      {next && (
        <Link
          href={`/settings/audit?cursor=${encodeURIComponent(next)}`}
          className="mt-4 inline-block text-sm text-primary-text hover:underline"
        >
          {t("more")} <DirectionalArrow to="forward" />
        </Link>
      )}
    </Card>
  );
}

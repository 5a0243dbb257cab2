import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { listAudit } from "@/lib/audit";
import { requireOrgSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/permissions";
import { withRls } from "@/lib/db";
import { decodeCursor, encodeCursor, type Keyset } from "@/lib/http/cursor";

export const metadata: Metadata = { title: "Audit log" };
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
          <table className="w-full text-left text-sm" data-testid="audit-table">
            <thead className="text-xs text-zinc-500 uppercase">
              <tr>
                <th className="py-2 pe-4">{t("when")}</th>
                <th className="py-2 pe-4">{t("who")}</th>
                <th className="py-2 pe-4">{t("what")}</th>
                <th className="py-2">{t("details")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {page.map((row) => (
                <tr key={row.id}>
                  <td className="py-2 pe-4 whitespace-nowrap">{format.dateTime(row.createdAt, { dateStyle: "medium", timeStyle: "short" })}</td>
                  <td className="py-2 pe-4">{row.actorName || row.actorEmail || t("system")}</td>
                  <td className="py-2 pe-4 font-mono text-xs">{row.action}</td>
                  <td className="py-2 text-xs text-zinc-600 dark:text-zinc-400">{describe(row.metadata)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <Link href={`/settings/audit?cursor=${encodeURIComponent(next)}`} className="mt-4 inline-block text-sm text-orange-700 hover:underline dark:text-orange-400">
          {t("more")} →
        </Link>
      )}
    </Card>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ConsolePager, ConsoleSearch } from "@/components/admin/console-search";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { Table, TBody, TCell, THead, THeader, TRow } from "@/components/ui/table";
import { listErrors } from "@/lib/platform/admin";
import { consoleAdmin, linkCursor, param } from "@/lib/platform/page";
import { ERROR_KINDS, type ErrorKind } from "@/lib/platform/schema";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("platformAdmin"))("errors") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Server errors (500s, with the request id their response carried) and dead-lettered jobs
 * across organizations, newest first. `?q=` finds a request id someone quoted.
 */
export default async function AdminErrorsPage({ searchParams }: { searchParams: Search }) {
  const admin = await consoleAdmin();
  const search = await searchParams;
  const q = param(search.q)?.trim().slice(0, 200) || undefined;
  const orgParam = param(search.org);
  const org = orgParam && UUID.test(orgParam) ? orgParam.toLowerCase() : undefined;
  const kindParam = param(search.kind);
  const kind = (ERROR_KINDS as readonly string[]).includes(kindParam ?? "") ? (kindParam as ErrorKind) : undefined;
  const [t, format, page] = await Promise.all([
    getTranslations("platformAdmin"),
    getFormatter(),
    listErrors(admin, { q, org, kind, cursor: linkCursor(param(search.cursor)), limit: 25 }),
  ]);
  const filterLink = (next: { kind?: ErrorKind }) => {
    const query = new URLSearchParams();
    if (q) query.set("q", q);
    if (org) query.set("org", org);
    if (next.kind) query.set("kind", next.kind);
    return `/admin/errors${query.size ? `?${query}` : ""}`;
  };
  return (
    <Card title={t("errors")} description={t("errorsIntro")}>
      <div className="space-y-4">
        <ConsoleSearch action="/admin/errors" q={q} placeholder={t("searchErrors")} hidden={{ org, kind }} />
        <div className="flex flex-wrap items-center gap-2 text-sm">
          {[undefined, ...ERROR_KINDS].map((option) => (
            <Link
              key={option ?? "all"}
              href={filterLink({ kind: option })}
              aria-current={option === kind ? "page" : undefined}
              className="rounded-full border border-border px-3 py-1 hover:bg-muted aria-[current=page]:bg-primary-muted aria-[current=page]:text-primary-muted-foreground"
            >
              {t("errorKind", { kind: option ?? "all" })}
            </Link>
          ))}
          {org && (
            <span className="text-subtle-foreground" data-testid="errors-org-filter">
              {t("filteredByOrganization", { name: page.items[0]?.orgName ?? org })}{" "}
              <Link href="/admin/errors" className="text-primary-text hover:underline">
                {t("clearFilter")}
              </Link>
            </span>
          )}
        </div>
        {page.items.length === 0 ? (
          <EmptyState title={q || org || kind ? t("noMatches") : t("noErrors")} />
        ) : (
          <div className="overflow-x-auto">
            <Table data-testid="admin-errors">
              <THead>
                <TRow>
                  <THeader>{t("when")}</THeader>
                  <THeader>{t("kind")}</THeader>
                  <THeader>{t("organization")}</THeader>
                  <THeader>{t("reference")}</THeader>
                  <THeader>{t("where")}</THeader>
                  <THeader className="pe-0">{t("message")}</THeader>
                </TRow>
              </THead>
              <TBody>
                {page.items.map((error) => (
                  <TRow key={`${error.kind}-${error.id}`} data-testid="admin-error">
                    <TCell className="whitespace-nowrap">
                      {format.dateTime(error.at, { dateStyle: "medium", timeStyle: "medium" })}
                    </TCell>
                    <TCell>
                      <Badge tone={error.kind === "server" ? "danger" : "warning"}>
                        {t("errorKind", { kind: error.kind })}
                      </Badge>
                    </TCell>
                    <TCell>
                      {error.orgId ? (
                        <Link href={`/admin/errors?org=${error.orgId}`} className="text-primary-text hover:underline">
                          {error.orgName ?? error.orgId}
                        </Link>
                      ) : (
                        <span className="text-subtle-foreground">—</span>
                      )}
                    </TCell>
                    <TCell className="font-mono text-xs" dir="ltr">
                      {error.reference}
                    </TCell>
                    <TCell className="font-mono text-xs" dir="ltr">
                      {error.where}
                      {error.status ? ` → ${error.status}` : ""}
                      {error.attempts ? ` (${t("attempts", { count: error.attempts })})` : ""}
                    </TCell>
                    <TCell className="pe-0 text-xs break-words">
                      {error.errorName && <span className="font-medium">{error.errorName}: </span>}
                      <span dir="auto">{error.message}</span>
                    </TCell>
                  </TRow>
                ))}
              </TBody>
            </Table>
          </div>
        )}
        <ConsolePager action="/admin/errors" nextCursor={page.nextCursor} params={{ q, org, kind }} />
      </div>
    </Card>
  );
}

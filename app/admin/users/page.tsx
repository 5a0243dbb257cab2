import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ConsolePager, ConsoleSearch } from "@/components/admin/console-search";
import { SignInToggle } from "@/components/admin/sign-in-toggle";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { Table, TBody, TCell, THead, THeader, TRow } from "@/components/ui/table";
import { listUsers } from "@/lib/platform/admin";
import { consoleAdmin, linkCursor, param } from "@/lib/platform/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("platformAdmin"))("users") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

/** Every person: their organizations, last sign-in, and whether they may sign in. */
export default async function AdminUsersPage({ searchParams }: { searchParams: Search }) {
  const admin = await consoleAdmin();
  const search = await searchParams;
  const q = param(search.q)?.trim().slice(0, 200) || undefined;
  const [t, tRoles, format, page] = await Promise.all([
    getTranslations("platformAdmin"),
    getTranslations("roles"),
    getFormatter(),
    listUsers(admin, { q, cursor: linkCursor(param(search.cursor)), limit: 25 }),
  ]);
  return (
    <Card title={t("users")} description={t("usersIntro")}>
      <div className="space-y-4">
        <ConsoleSearch action="/admin/users" q={q} placeholder={t("searchUsers")} />
        {page.items.length === 0 ? (
          <EmptyState title={q ? t("noMatches") : t("noUsers")} />
        ) : (
          <div className="overflow-x-auto">
            <Table data-testid="admin-users">
              <THead>
                <TRow>
                  <THeader>{t("person")}</THeader>
                  <THeader>{t("organizations")}</THeader>
                  <THeader>{t("lastSignIn")}</THeader>
                  <THeader>{t("signIn")}</THeader>
                  <THeader className="pe-0">
                    <span className="sr-only">{t("actions")}</span>
                  </THeader>
                </TRow>
              </THead>
              <TBody>
                {page.items.map((user) => (
                  <TRow key={user.id} data-testid="admin-user">
                    <TCell>
                      <div className="font-medium">{user.fullName || user.email}</div>
                      <div className="text-xs text-subtle-foreground" dir="ltr">
                        {user.email}
                      </div>
                      {user.platformAdmin && (
                        <Badge tone="primary" className="mt-1">
                          {t("platformAdminBadge")}
                        </Badge>
                      )}
                    </TCell>
                    <TCell>
                      {user.organizations.length === 0 ? (
                        <span className="text-subtle-foreground">{t("noOrganization")}</span>
                      ) : (
                        <ul className="space-y-0.5">
                          {user.organizations.map((org) => (
                            <li key={org.orgId}>
                              <Link
                                href={`/admin?q=${encodeURIComponent(org.orgId)}`}
                                className="text-primary-text hover:underline"
                              >
                                {org.name}
                              </Link>{" "}
                              <span className="text-xs text-subtle-foreground">({tRoles(org.role)})</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </TCell>
                    <TCell className="whitespace-nowrap">
                      {user.lastSignInAt
                        ? format.dateTime(user.lastSignInAt, { dateStyle: "medium", timeStyle: "short" })
                        : t("never")}
                    </TCell>
                    <TCell>
                      <span data-testid="sign-in-state">
                        <Badge tone={user.signInDisabled ? "danger" : "success"}>
                          {user.signInDisabled ? t("signInDisabled") : t("signInEnabled")}
                        </Badge>
                      </span>
                    </TCell>
                    <TCell className="pe-0">
                      <SignInToggle
                        userId={user.id}
                        email={user.email}
                        disabled={user.signInDisabled}
                        self={user.id === admin.id}
                      />
                    </TCell>
                  </TRow>
                ))}
              </TBody>
            </Table>
          </div>
        )}
        <ConsolePager action="/admin/users" nextCursor={page.nextCursor} params={{ q }} />
      </div>
    </Card>
  );
}

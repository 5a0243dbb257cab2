"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { UrlView } from "@/lib/client/use-url-view";
import type { ViewKey } from "./query";

/** Title and the page's actions: deleted leads (managers), export the filtered list, import, new lead. */
export function LeadsHeader({
  view,
  deleted,
  canManage,
  exportQuery,
}: {
  view: UrlView<ViewKey>;
  deleted: boolean;
  canManage: boolean;
  exportQuery: string;
}) {
  const t = useTranslations("leads");
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <div>
        <h1 className="text-2xl font-semibold">{deleted ? t("deletedTitle") : t("title")}</h1>
        <p className="mt-1 text-sm text-muted-foreground">{deleted ? t("deletedIntro") : t("intro")}</p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {canManage &&
          (deleted ? (
            <Button size="sm" variant="ghost" onClick={() => view.update({ deleted: null })}>
              {t("backToLeads")}
            </Button>
          ) : (
            <Button size="sm" variant="ghost" onClick={() => view.update({ deleted: "true" })}>
              {t("deletedLeads")}
            </Button>
          ))}
        <Button asChild size="sm" variant="secondary">
          <a href={`/api/v1/leads/export${exportQuery ? `?${exportQuery}` : ""}`} download>
            {t("exportCsv")}
          </a>
        </Button>
        <Button asChild size="sm" variant="secondary">
          <Link href="/leads/import">{t("importCsv")}</Link>
        </Button>
        <Button asChild size="sm">
          <Link href="/leads/new">{t("newLead")}</Link>
        </Button>
      </div>
    </div>
  );
}

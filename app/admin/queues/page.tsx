import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { Table, TBody, TCell, THead, THeader, TRow } from "@/components/ui/table";
import { getQueueHealth } from "@/lib/platform/admin";
import { consoleAdmin } from "@/lib/platform/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("platformAdmin"))("queues") };
}

/** Webhook backlog per provider and job queue backlog and failure rate per queue. */
export default async function AdminQueuesPage() {
  const admin = await consoleAdmin();
  const [t, format, health] = await Promise.all([
    getTranslations("platformAdmin"),
    getFormatter(),
    getQueueHealth(admin),
  ]);
  const rate = (value: number | null) =>
    value === null ? "—" : format.number(value, { style: "percent", maximumFractionDigits: 1 });
  return (
    <>
      <Card
        title={t("webhookQueue")}
        description={t("checkedAt", { at: format.dateTime(health.checkedAt, { timeStyle: "medium" }) })}
      >
        {health.webhooks.length === 0 ? (
          <EmptyState title={t("noWebhooks")} />
        ) : (
          <div className="overflow-x-auto">
            <Table data-testid="admin-webhook-health">
              <THead>
                <TRow>
                  <THeader>{t("provider")}</THeader>
                  <THeader className="text-end">{t("pending")}</THeader>
                  <THeader>{t("oldestPending")}</THeader>
                  <THeader className="text-end">{t("received24h")}</THeader>
                  <THeader className="text-end">{t("failed24h")}</THeader>
                  <THeader className="pe-0 text-end">{t("failureRate")}</THeader>
                </TRow>
              </THead>
              <TBody>
                {health.webhooks.map((row) => (
                  <TRow key={row.provider}>
                    <TCell className="font-mono text-xs">{row.provider}</TCell>
                    <TCell className="text-end tabular-nums">{format.number(row.pending)}</TCell>
                    <TCell className="whitespace-nowrap">
                      {row.oldestPendingAt ? format.relativeTime(row.oldestPendingAt, health.checkedAt) : "—"}
                    </TCell>
                    <TCell className="text-end tabular-nums">{format.number(row.received24h)}</TCell>
                    <TCell className="text-end tabular-nums">{format.number(row.failed24h)}</TCell>
                    <TCell className="pe-0 text-end tabular-nums">{rate(row.failureRate)}</TCell>
                  </TRow>
                ))}
              </TBody>
            </Table>
          </div>
        )}
      </Card>
      <Card title={t("jobQueue")} description={t("jobQueueIntro")}>
        {health.jobs.length === 0 ? (
          <EmptyState title={t("noJobs")} />
        ) : (
          <div className="overflow-x-auto">
            <Table data-testid="admin-job-health">
              <THead>
                <TRow>
                  <THeader>{t("queue")}</THeader>
                  <THeader className="text-end">{t("ready")}</THeader>
                  <THeader className="text-end">{t("deferred")}</THeader>
                  <THeader className="text-end">{t("active")}</THeader>
                  <THeader className="text-end">{t("failed")}</THeader>
                  <THeader className="text-end">{t("failureRate")}</THeader>
                  <THeader className="pe-0 text-end">{t("deadLetters24h")}</THeader>
                </TRow>
              </THead>
              <TBody>
                {health.jobs.map((row) => (
                  <TRow key={row.queue}>
                    <TCell className="font-mono text-xs">{row.queue}</TCell>
                    <TCell className="text-end tabular-nums">{format.number(row.ready)}</TCell>
                    <TCell className="text-end tabular-nums">{format.number(row.deferred)}</TCell>
                    <TCell className="text-end tabular-nums">{format.number(row.active)}</TCell>
                    <TCell className="text-end tabular-nums">{format.number(row.failed)}</TCell>
                    <TCell className="text-end tabular-nums">{rate(row.failureRate)}</TCell>
                    <TCell className="pe-0 text-end tabular-nums">{format.number(row.deadLetters24h)}</TCell>
                  </TRow>
                ))}
              </TBody>
            </Table>
          </div>
        )}
      </Card>
    </>
  );
}

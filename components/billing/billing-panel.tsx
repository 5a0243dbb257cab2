"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { PLAN_LIMITS, PLANS, type BillingInterval, type Plan } from "@/lib/billing/plans";
import type { BillingSummary } from "@/lib/billing/summary";

const STATUS_TONE: Record<string, BadgeTone> = {
  trialing: "info",
  active: "success",
  past_due: "warning",
  canceled: "danger",
  unpaid: "danger",
  incomplete: "warning",
  incomplete_expired: "danger",
  paused: "warning",
};

function Meter({ label, used, limit, testId }: { label: string; used: number; limit: number; testId: string }) {
  const t = useTranslations("billing");
  const over = used > limit;
  const share = Math.min(100, Math.round((used / Math.max(1, limit)) * 100));
  return (
    <div data-testid={testId}>
      <div className="flex items-baseline justify-between text-sm">
        <span className="font-medium">{label}</span>
        <span
          className={over ? "text-danger-muted-foreground" : "text-muted-foreground"}
          data-testid={`${testId}-value`}
        >
          {t("meterValue", { used, limit })}
        </span>
      </div>
      <div
        className="mt-1 h-2 overflow-hidden rounded-full bg-muted"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={Math.min(used, limit)}
      >
        <div className={over ? "h-full bg-danger" : "h-full bg-primary"} style={{ width: `${share}%` }} />
      </div>
    </div>
  );
}

export function BillingPanel({ summary, notice }: { summary: BillingSummary; notice: string | null }) {
  const t = useTranslations("billing");
  const format = useFormatter();
  const errorText = useErrorText();
  const [interval, setBillingInterval] = useState<BillingInterval>(summary.interval ?? "month");
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const date = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium" }) : "—");
  const buyable = (plan: Plan) => summary.options.some((o) => o.plan === plan && o.interval === interval);
  const subscribed = summary.status !== "trialing" && summary.status !== "canceled" && summary.hasCustomer;

  async function go(key: string, path: string, body: unknown) {
    setBusy(key);
    setError(null);
    try {
      const { url } = await api<{ url: string }>(path, { body });
      window.location.assign(url);
    } catch (e) {
      setError(errorText(e));
      setBusy(null);
    }
  }

  const { usage } = summary;
  const paused = [...usage.agents.paused, ...usage.numbers.paused];

  return (
    <div className="space-y-6">
      {summary.sandbox && (
        <div data-testid="billing-sandbox-label">
          <Alert tone="warning">{t("sandboxLabel")}</Alert>
        </div>
      )}
      {notice && <Alert tone="success">{notice}</Alert>}
      {summary.readOnlyReason && (
        <div data-testid="billing-read-only">
          <Alert tone="error">
            {t(`readOnly.${summary.readOnlyReason}` as "readOnly.canceled")} {t("readOnlyExport")}
          </Alert>
        </div>
      )}
      {summary.status === "past_due" && !summary.readOnlyReason && (
        <Alert tone="warning">{t("pastDueGrace", { date: date(summary.graceEndsAt) })}</Alert>
      )}
      {error && <Alert tone="error">{error}</Alert>}

      <Card
        title={t("currentPlan")}
        actions={
          summary.mode !== "off" && (
            <Button
              variant="secondary"
              size="sm"
              loading={busy === "portal"}
              disabled={busy !== null || (summary.mode === "stripe" && !summary.hasCustomer)}
              onClick={() => go("portal", "/api/v1/billing/portal", {})}
            >
              {t("portal")}
            </Button>
          )
        }
      >
        <dl className="grid gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-muted-foreground">{t("plan")}</dt>
            <dd className="text-lg font-semibold" data-testid="billing-plan">
              {t(`plans.${summary.plan}`)}
            </dd>
          </div>
          <div>
            <dt className="text-muted-foreground">{t("status")}</dt>
            <dd>
              <Badge tone={STATUS_TONE[summary.status] ?? "neutral"}>
                <span data-testid="billing-status">{t(`statuses.${summary.status}` as "statuses.active")}</span>
              </Badge>
            </dd>
          </div>
          <div>
            <dt className="text-muted-foreground">
              {summary.status === "trialing" ? t("trialEnds") : summary.cancelAtPeriodEnd ? t("endsOn") : t("renewsOn")}
            </dt>
            <dd>{date(summary.status === "trialing" ? summary.trialEnd : summary.currentPeriodEnd)}</dd>
          </div>
        </dl>
      </Card>

      <Card title={t("usage")} description={t("usageHint")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Meter label={t("meters.agents")} used={usage.agents.used} limit={usage.agents.limit} testId="meter-agents" />
          <Meter
            label={t("meters.numbers")}
            used={usage.numbers.used}
            limit={usage.numbers.limit}
            testId="meter-numbers"
          />
          <Meter label={t("meters.seats")} used={usage.seats.used} limit={usage.seats.limit} testId="meter-seats" />
          <div className="text-sm" data-testid="meter-api">
            <span className="font-medium">{t("meters.apiRequestsPerMinute")}</span>
            <span className="float-end text-muted-foreground">
              {t("perMinute", { limit: usage.apiRequestsPerMinute.limit })}
            </span>
          </div>
        </div>
        {paused.length > 0 && (
          <div data-testid="billing-paused">
            <Alert tone="warning" className="mt-4">
              <p>{t("pausedIntro")}</p>
              <ul className="mt-1 list-disc ps-5">
                {usage.agents.paused.map((a) => (
                  <li key={a.id}>{t("pausedAgent", { name: a.name })}</li>
                ))}
                {usage.numbers.paused.map((n) => (
                  <li key={n.id}>{t("pausedNumber", { name: n.name })}</li>
                ))}
              </ul>
              <p className="mt-1">{t("pausedChoose")}</p>
            </Alert>
          </div>
        )}
      </Card>

      <Card
        title={t("changePlan")}
        actions={
          <div role="group" aria-label={t("interval")} className="flex gap-1">
            {(["month", "year"] as const).map((value) => (
              <Button
                key={value}
                size="xs"
                variant={interval === value ? "primary" : "secondary"}
                aria-pressed={interval === value}
                onClick={() => setBillingInterval(value)}
              >
                {t(`intervals.${value}`)}
              </Button>
            ))}
          </div>
        }
      >
        {summary.mode === "off" ? (
          <p className="text-sm text-muted-foreground">{t("notConfigured")}</p>
        ) : (
          <div className="grid gap-3 sm:grid-cols-3">
            {PLANS.map((plan) => {
              const limits = PLAN_LIMITS[plan];
              const current = plan === summary.plan && subscribed && summary.interval === interval;
              const rank = PLANS.indexOf(plan) - PLANS.indexOf(summary.plan);
              return (
                <div key={plan} className="rounded-md border border-border p-3" data-testid={`plan-${plan}`}>
                  <h3 className="font-semibold">{t(`plans.${plan}`)}</h3>
                  <p className="mt-1 text-xs text-muted-foreground">
                    {t("planLimits", { agents: limits.agents, numbers: limits.numbers, seats: limits.seats })}
                  </p>
                  <Button
                    className="mt-3 w-full"
                    size="sm"
                    variant={rank > 0 ? "primary" : "secondary"}
                    disabled={current || busy !== null || !buyable(plan)}
                    loading={busy === plan}
                    onClick={() => go(plan, "/api/v1/billing/checkout", { plan, interval })}
                  >
                    {current
                      ? t("currentPlanButton")
                      : !subscribed
                        ? t("choose", { plan: t(`plans.${plan}`) })
                        : rank > 0
                          ? t("upgrade", { plan: t(`plans.${plan}`) })
                          : rank < 0
                            ? t("downgrade", { plan: t(`plans.${plan}`) })
                            : t("switchInterval")}
                  </Button>
                </div>
              );
            })}
          </div>
        )}
        <p className="mt-3 text-xs text-muted-foreground">{t("downgradeNote")}</p>
      </Card>
    </div>
  );
}

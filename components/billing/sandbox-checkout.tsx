"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import type { BillingInterval, Plan } from "@/lib/billing/plans";
import type { SandboxAction } from "@/lib/billing/sandbox-actions";

type Props =
  | { flow: "checkout"; plan: Plan; interval: BillingInterval }
  | { flow: "portal"; cancelAtPeriodEnd: boolean; hasSubscription: boolean; pastDue: boolean };

/**
 * The sandbox's stand-in for Stripe Checkout and the Customer Portal: each button sends what
 * Stripe would, as signed events through the real webhook handler. Labelled on every screen.
 */
export function SandboxCheckout(props: Props) {
  const t = useTranslations("billing");
  const router = useRouter();
  const errorText = useErrorText();
  const [busy, setBusy] = useState<SandboxAction | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(action: SandboxAction, extra: Record<string, string> = {}, notice = "changed") {
    setBusy(action);
    setError(null);
    try {
      await api("/api/v1/billing/sandbox", { body: { action, ...extra } });
      router.push(`/settings/billing?sandbox=${notice}`);
      router.refresh();
    } catch (e) {
      setError(errorText(e));
      setBusy(null);
    }
  }

  const action = (name: SandboxAction, label: string, variant: "primary" | "secondary" | "danger" = "secondary") => (
    <Button variant={variant} loading={busy === name} disabled={busy !== null} onClick={() => run(name)}>
      {label}
    </Button>
  );

  return (
    <div className="space-y-4">
      <div data-testid="sandbox-banner">
        <Alert tone="warning">
          <strong>{t("sandbox.badge")}</strong> {t("sandbox.explain")}
        </Alert>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      {props.flow === "checkout" ? (
        <Card title={t("sandbox.checkoutTitle")}>
          <p className="text-sm" data-testid="sandbox-checkout-summary">
            {t("sandbox.checkoutSummary", {
              plan: t(`plans.${props.plan}`),
              interval: t(`intervals.${props.interval}`),
            })}
          </p>
          <div className="mt-4 flex flex-wrap gap-2">
            <Button
              loading={busy === "checkout"}
              disabled={busy !== null}
              onClick={() => run("checkout", { plan: props.plan, interval: props.interval }, "paid")}
            >
              {t("sandbox.pay")}
            </Button>
            <Button variant="secondary" disabled={busy !== null} onClick={() => router.push("/settings/billing")}>
              {t("sandbox.back")}
            </Button>
          </div>
        </Card>
      ) : (
        <Card title={t("sandbox.portalTitle")} description={t("sandbox.portalHint")}>
          {!props.hasSubscription ? (
            <p className="text-sm text-muted-foreground">{t("sandbox.noSubscription")}</p>
          ) : (
            <div className="flex flex-wrap gap-2">
              {props.cancelAtPeriodEnd
                ? action("resume", t("sandbox.resume"), "primary")
                : action("cancel", t("sandbox.cancelAtPeriodEnd"))}
              {action("cancel_now", t("sandbox.cancelNow"), "danger")}
              {props.pastDue
                ? action("pay", t("sandbox.payInvoice"), "primary")
                : action("payment_failed", t("sandbox.failPayment"))}
            </div>
          )}
          <Button className="mt-4" variant="link" onClick={() => router.push("/settings/billing")}>
            {t("sandbox.back")}
          </Button>
        </Card>
      )}
    </div>
  );
}

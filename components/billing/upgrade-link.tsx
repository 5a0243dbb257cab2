"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { UPGRADE_PATH } from "@/lib/billing/plans";
import { problemCode } from "@/lib/client/api";

/** Problems that an upgrade or paying would solve: a plan limit (409) or the read-only state (402). */
export const isBillingProblem = (error: unknown) => {
  const code = problemCode(error);
  return code === "plan_limit" || code === "billing_read_only";
};

/** The link a plan-limit or payment-required message carries to Settings → Billing. */
export function UpgradeLink({ className }: { className?: string }) {
  const t = useTranslations("billing");
  return (
    <Link href={UPGRADE_PATH} className={className ?? "font-medium underline"} data-testid="upgrade-link">
      {t("upgradeLink")}
    </Link>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/input";
import { ApiError } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { useApprovalSettings } from "./hooks";

/** Owners and admins decide whether reps may approve drafts in the conversations they see. */
export function ApprovalPolicy() {
  const t = useTranslations("approvalPolicy");
  const describe = useErrorText();
  const { settings, save } = useApprovalSettings();
  const error = settings.error ?? save.error;
  const checked = save.isPending ? Boolean(save.variables) : Boolean(settings.data?.repsCanApprove);
  return (
    <Card title={t("title")} description={t("description")}>
      <label className="flex items-start gap-3 text-sm">
        <Checkbox
          role="switch"
          className="mt-0.5"
          checked={checked}
          disabled={!settings.data || save.isPending}
          onChange={(e) => save.mutate(e.target.checked)}
          data-testid="reps-can-approve"
        />
        <span>
          <span className="font-medium">{t("repsCanApprove")}</span>
          <span className="block text-subtle-foreground">{t("repsCanApproveHint")}</span>
        </span>
      </label>
      {error && (
        <Alert tone="error" className="mt-3">
          {error instanceof ApiError ? describe(error) : t("failed")}
        </Alert>
      )}
    </Card>
  );
}

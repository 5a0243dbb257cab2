"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { api, ApiError, errorText } from "@/lib/client/api";
import type { ApprovalSettings } from "@/lib/approvals/settings";

/** Owners and admins decide whether reps may approve drafts in the conversations they see. */
export function ApprovalPolicy() {
  const t = useTranslations("approvalPolicy");
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ["approval-settings"], queryFn: () => api<ApprovalSettings>("/api/v1/approvals/settings") });
  const save = useMutation({
    mutationFn: (repsCanApprove: boolean) => api<ApprovalSettings>("/api/v1/approvals/settings", { method: "PATCH", body: { repsCanApprove } }),
    onSuccess: (data) => queryClient.setQueryData(["approval-settings"], data),
  });
  const error = settings.error ?? save.error;
  const checked = save.isPending ? Boolean(save.variables) : Boolean(settings.data?.repsCanApprove);
  return (
    <Card title={t("title")} description={t("description")}>
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          role="switch"
          className="mt-0.5 size-4 accent-orange-600"
          checked={checked}
          disabled={!settings.data || save.isPending}
          onChange={(e) => save.mutate(e.target.checked)}
          data-testid="reps-can-approve"
        />
        <span>
          <span className="font-medium">{t("repsCanApprove")}</span>
          <span className="block text-zinc-500">{t("repsCanApproveHint")}</span>
        </span>
      </label>
      {error && (
        <Alert tone="error" className="mt-3">
          {error instanceof ApiError ? errorText(error) : t("failed")}
        </Alert>
      )}
    </Card>
  );
}

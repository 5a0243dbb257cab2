"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { UpgradeLink } from "@/components/billing/upgrade-link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { LtrText } from "@/components/ui/bidi";
import { Button } from "@/components/ui/button";
import { Form, SubmitButton } from "@/components/ui/form";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { ROLES, type Role } from "@/lib/auth/roles";
import { api } from "@/lib/client/api";
import { useApiForm } from "@/lib/client/use-api-form";
import type { Invitation } from "@/lib/orgs/invitations";
import { inviteSchema } from "@/lib/orgs/schema";
import { settingsKeys } from "./keys";

type Created = { invitation: { id: string; email: string }; emailed: boolean; link?: string };

export function InvitationsPanel({
  initialInvitations,
  currentRole,
}: {
  initialInvitations: Invitation[];
  currentRole: Role;
}) {
  const t = useTranslations();
  const format = useFormatter();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState(false);
  const invitations = useQuery({
    queryKey: settingsKeys.invitations(),
    queryFn: async () => (await api<{ invitations: Invitation[] }>("/api/v1/invitations")).invitations,
    initialData: initialInvitations,
  });
  const { form, submit, formError, formErrorCode } = useApiForm(inviteSchema, {
    defaultValues: { email: "", role: "rep" },
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <Card title={t("invitations.title")} description={t("invitations.description")}>
      <Form
        className="grid gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-end"
        onSubmit={submit(async (values) => {
          setCreated(null);
          setCopied(false);
          const result = await api<Created>("/api/v1/invitations", { body: values });
          setCreated(result);
          form.reset({ email: "", role: values.role });
          await queryClient.invalidateQueries({ queryKey: settingsKeys.invitations() });
        })}
      >
        <TextField
          label={t("common.email")}
          type="email"
          autoComplete="off"
          error={errors.email?.message}
          {...form.register("email")}
        />
        <SelectField label={t("common.role")} error={errors.role?.message} {...form.register("role")}>
          {ROLES.filter((role) => role !== "owner" || currentRole === "owner").map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </SelectField>
        <SubmitButton loading={isSubmitting}>{t("invitations.invite")}</SubmitButton>
      </Form>
      {formError && (
        <Alert tone="error" className="mt-3">
          {formError} {formErrorCode === "plan_limit" && <UpgradeLink />}
        </Alert>
      )}
      {created && (
        <Alert tone={created.link ? "info" : "success"} className="mt-3 space-y-2">
          {created.link ? (
            <>
              <p>{t("invitations.linkBody", { email: created.invitation.email })}</p>
              <div className="flex items-center gap-2">
                <code
                  className="block flex-1 truncate rounded bg-surface/70 px-2 py-1 text-xs"
                  data-testid="invite-link"
                >
                  {created.link}
                </code>
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={async () => {
                    await navigator.clipboard?.writeText(created.link!).catch(() => undefined);
                    setCopied(true);
                  }}
                >
                  {copied ? t("common.copied") : t("common.copy")}
                </Button>
              </div>
            </>
          ) : (
            <p>{t("invitations.emailed", { email: created.invitation.email })}</p>
          )}
        </Alert>
      )}
      <div className="mt-5">
        {invitations.isPending ? (
          <LoadingState label={t("common.loading")} />
        ) : invitations.isError ? (
          <ErrorState message={t("common.loadError")} />
        ) : invitations.data.length === 0 ? (
          <EmptyState title={t("invitations.empty")} />
        ) : (
          <ul className="divide-y divide-border" data-testid="invitations-list">
            {invitations.data.map((invitation) => (
              <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div>
                  <p className="text-sm font-medium">
                    <LtrText>{invitation.email}</LtrText>
                  </p>
                  <p className="text-xs text-subtle-foreground">
                    {t(`roles.${invitation.role}`)} ·{" "}
                    {invitation.status === "expired"
                      ? t("invitations.expired")
                      : t("invitations.expires", {
                          date: format.dateTime(new Date(invitation.expiresAt), { dateStyle: "medium" }),
                        })}
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  {invitation.status === "expired" && <Badge>{t("invitations.expired")}</Badge>}
                  <ConfirmDialog
                    trigger={
                      <Button size="sm" variant="ghost">
                        {t("invitations.revoke")}
                      </Button>
                    }
                    title={t("invitations.revokeTitle", { email: invitation.email })}
                    description={t("invitations.revokeBody")}
                    confirmLabel={t("invitations.revoke")}
                    cancelLabel={t("common.cancel")}
                    onConfirm={async () => {
                      await api(`/api/v1/invitations/${invitation.id}`, { method: "DELETE" });
                      await queryClient.invalidateQueries({ queryKey: settingsKeys.invitations() });
                    }}
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}

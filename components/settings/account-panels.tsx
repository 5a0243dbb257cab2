"use client";

import { useTranslations } from "next-intl";
import { hardNavigate } from "@/lib/client/hard-navigate";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Form, SubmitButton } from "@/components/ui/form";
import { TextField } from "@/components/ui/field";
import { changePasswordSchema } from "@/lib/auth/schema";
import { api } from "@/lib/client/api";
import { useApiForm } from "@/lib/client/use-api-form";
import { updateProfileSchema } from "@/lib/orgs/schema";
import { flushSessionState } from "@/lib/session-state/use-session-state";

export function AccountPanels({
  fullName,
  email,
  passwordManagedElsewhere,
}: {
  fullName: string;
  email: string;
  passwordManagedElsewhere: boolean;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [profileSaved, setProfileSaved] = useState(false);
  const [passwordChanged, setPasswordChanged] = useState(false);
  const profile = useApiForm(updateProfileSchema, { defaultValues: { fullName } });
  const password = useApiForm(changePasswordSchema, { defaultValues: { currentPassword: "", newPassword: "" } });

  return (
    <div className="space-y-6">
      <Card title={t("account.profile")}>
        <Form
          className="space-y-3"
          onSubmit={profile.submit(async (values) => {
            setProfileSaved(false);
            await api("/api/v1/profile", { method: "PATCH", body: values });
            setProfileSaved(true);
            router.refresh();
          })}
        >
          <TextField label={t("common.email")} value={email} readOnly disabled />
          <TextField
            label={t("common.fullName")}
            error={profile.form.formState.errors.fullName?.message}
            {...profile.form.register("fullName")}
          />
          {profile.formError && <Alert tone="error">{profile.formError}</Alert>}
          {profileSaved && <Alert tone="success">{t("account.profileSaved")}</Alert>}
          <SubmitButton loading={profile.form.formState.isSubmitting}>{t("common.save")}</SubmitButton>
        </Form>
      </Card>

      {!passwordManagedElsewhere && (
        <Card title={t("account.password")}>
          <Form
            className="space-y-3"
            onSubmit={password.submit(async (values) => {
              setPasswordChanged(false);
              await api("/api/auth/password", { method: "PATCH", body: values });
              password.form.reset();
              setPasswordChanged(true);
            })}
          >
            <TextField
              label={t("account.currentPassword")}
              type="password"
              autoComplete="current-password"
              error={password.form.formState.errors.currentPassword?.message}
              {...password.form.register("currentPassword")}
            />
            <TextField
              label={t("auth.newPassword")}
              type="password"
              autoComplete="new-password"
              hint={t("auth.passwordHint")}
              error={password.form.formState.errors.newPassword?.message}
              {...password.form.register("newPassword")}
            />
            {password.formError && <Alert tone="error">{password.formError}</Alert>}
            {passwordChanged && <Alert tone="success">{t("account.passwordChanged")}</Alert>}
            <SubmitButton loading={password.form.formState.isSubmitting}>{t("account.changePassword")}</SubmitButton>
          </Form>
        </Card>
      )}

      <Card title={t("account.sessions")} description={t("account.sessionsBody")}>
        <ConfirmDialog
          trigger={<Button variant="danger">{t("account.signOutEverywhere")}</Button>}
          title={t("account.signOutEverywhere")}
          description={t("account.sessionsBody")}
          confirmLabel={t("account.signOutEverywhere")}
          cancelLabel={t("common.cancel")}
          onConfirm={async () => {
            await flushSessionState();
            await api("/api/auth/sign-out-everywhere", { method: "POST" });
            hardNavigate("/sign-in");
          }}
        />
      </Card>
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { hardNavigate } from "@/lib/client/hard-navigate";
import { Alert } from "@/components/ui/alert";
import { Form, SubmitButton } from "@/components/ui/form";
import { TextField } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { useApiForm } from "@/lib/client/use-api-form";
import { signUpSchema } from "@/lib/auth/schema";
import { EmailSent } from "./email-sent";

/** Sign-up creates a new organization, or with an invite token joins the inviting one. */
export function SignUpForm({ inviteToken, invitedEmail }: { inviteToken?: string; invitedEmail?: string }) {
  const t = useTranslations();
  const { form, submit, formError } = useApiForm(signUpSchema, {
    defaultValues: { fullName: "", email: invitedEmail ?? "", password: "", organizationName: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const [sent, setSent] = useState<{ email: string; devLink?: string } | null>(null);
  if (sent) {
    return (
      <EmailSent
        message={t("auth.signUpCheckEmail", { email: sent.email })}
        devLink={sent.devLink}
        devLinkLabel={t("auth.signUpDevLink")}
        devLinkTestId="sign-up-link"
      />
    );
  }
  return (
    <Form
      className="space-y-4"
      onSubmit={submit(async (values) => {
        const answer = await api<{ confirmEmail?: boolean; devLink?: string }>("/api/auth/sign-up", {
          body: { ...values, inviteToken },
        });
        // Without an invitation the account is created from the emailed link.
        if (answer?.confirmEmail) setSent({ email: values.email, devLink: answer.devLink });
        else hardNavigate("/dashboard");
      })}
    >
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField
        label={t("common.fullName")}
        autoComplete="name"
        error={errors.fullName?.message}
        {...form.register("fullName")}
      />
      <TextField
        label={t("common.email")}
        type="email"
        autoComplete="email"
        readOnly={Boolean(invitedEmail)}
        error={errors.email?.message}
        {...form.register("email")}
      />
      <TextField
        label={t("common.password")}
        type="password"
        autoComplete="new-password"
        hint={t("auth.passwordHint")}
        error={errors.password?.message}
        {...form.register("password")}
      />
      {!inviteToken && (
        <TextField
          label={t("auth.organizationName")}
          autoComplete="organization"
          hint={t("auth.organizationHint")}
          error={errors.organizationName?.message}
          {...form.register("organizationName")}
        />
      )}
      <SubmitButton className="w-full" loading={isSubmitting}>
        {t("auth.signUpSubmit")}
      </SubmitButton>
    </Form>
  );
}

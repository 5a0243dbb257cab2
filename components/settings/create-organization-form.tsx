"use client";

import { useTranslations } from "next-intl";
import { hardNavigate } from "@/lib/client/hard-navigate";
import { Alert } from "@/components/ui/alert";
import { Form, SubmitButton } from "@/components/ui/form";
import { TextField } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { useApiForm } from "@/lib/client/use-api-form";
import { createOrganizationSchema } from "@/lib/orgs/schema";

export function CreateOrganizationForm() {
  const t = useTranslations();
  const { form, submit, formError } = useApiForm(createOrganizationSchema, { defaultValues: { name: "" } });
  return (
    <Form
      className="mt-4 space-y-4"
      onSubmit={submit(async (values) => {
        await api("/api/v1/organizations", { body: values });
        hardNavigate("/dashboard");
      })}
    >
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField
        label={t("settings.orgNameLabel")}
        error={form.formState.errors.name?.message}
        {...form.register("name")}
      />
      <SubmitButton className="w-full" loading={form.formState.isSubmitting}>
        {t("onboarding.submit")}
      </SubmitButton>
    </Form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { useApiForm } from "@/lib/client/use-api-form";
import { renameOrganizationSchema } from "@/lib/orgs/schema";

export function RenameOrganizationForm({ name, canEdit }: { name: string; canEdit: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { form, submit, formError } = useApiForm(renameOrganizationSchema, { defaultValues: { name } });
  const { errors, isSubmitting } = form.formState;
  return (
    <Card title={t("settings.general")} description={canEdit ? undefined : t("settings.adminOnly")}>
      <form
        noValidate
        className="flex flex-col gap-3 sm:flex-row sm:items-end"
        onSubmit={submit(async (values) => {
          setSaved(false);
          await api("/api/v1/organization", { method: "PATCH", body: values });
          setSaved(true);
          router.refresh();
        })}
      >
        <TextField className="flex-1" label={t("settings.orgNameLabel")} disabled={!canEdit} error={errors.name?.message} {...form.register("name")} />
        {canEdit && (
          <Button type="submit" loading={isSubmitting}>
            {t("common.save")}
          </Button>
        )}
      </form>
      {formError && <Alert tone="error" className="mt-3">{formError}</Alert>}
      {saved && <Alert tone="success" className="mt-3">{t("settings.renamed")}</Alert>}
    </Card>
  );
}

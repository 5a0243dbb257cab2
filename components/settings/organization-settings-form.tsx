"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Form, SubmitButton } from "@/components/ui/form";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { Checkbox } from "@/components/ui/input";
import { api } from "@/lib/client/api";
import { useApiForm } from "@/lib/client/use-api-form";
import type { CountryOption } from "@/lib/i18n/regions";
import { updateOrganizationSchema } from "@/lib/orgs/schema";

/** `countries`: named and sorted on the server (lib/i18n/regions.ts), so the hydrated list is the same. */
type Props = {
  name: string;
  repsSeeOwnLeadsOnly: boolean;
  defaultCountry: string | null;
  canEdit: boolean;
  countries: CountryOption[];
};

export function OrganizationSettingsForm({ name, repsSeeOwnLeadsOnly, defaultCountry, canEdit, countries }: Props) {
  const t = useTranslations();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { form, submit, formError } = useApiForm(updateOrganizationSchema, {
    defaultValues: { name, repsSeeOwnLeadsOnly, defaultCountry: defaultCountry ?? "" },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <Card title={t("settings.general")} description={canEdit ? undefined : t("settings.adminOnly")}>
      <Form
        className="space-y-4"
        onSubmit={submit(async (values) => {
          setSaved(false);
          await api("/api/v1/organization", { method: "PATCH", body: values });
          setSaved(true);
          router.refresh();
        })}
      >
        <TextField
          label={t("settings.orgNameLabel")}
          disabled={!canEdit}
          error={errors.name?.message}
          {...form.register("name")}
        />
        <SelectField
          label={t("settings.defaultCountry")}
          hint={t("settings.defaultCountryHint")}
          disabled={!canEdit}
          error={errors.defaultCountry?.message}
          {...form.register("defaultCountry")}
        >
          <option value="">{t("settings.noDefaultCountry")}</option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.label}
            </option>
          ))}
        </SelectField>
        <label className="flex items-start gap-3 text-sm">
          <Checkbox className="mt-0.5" disabled={!canEdit} {...form.register("repsSeeOwnLeadsOnly")} />
          <span>
            <span className="font-medium">{t("settings.repsSeeOwnLeadsOnly")}</span>
            <span className="block text-xs text-subtle-foreground">{t("settings.repsSeeOwnLeadsOnlyHint")}</span>
          </span>
        </label>
        {formError && <Alert tone="error">{formError}</Alert>}
        {saved && <Alert tone="success">{t("settings.saved")}</Alert>}
        {canEdit && <SubmitButton loading={isSubmitting}>{t("common.save")}</SubmitButton>}
      </Form>
    </Card>
  );
}

"use client";

import { getCountries } from "libphonenumber-js";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { useApiForm } from "@/lib/client/use-api-form";
import { updateOrganizationSchema } from "@/lib/orgs/schema";

type Props = { name: string; repsSeeOwnLeadsOnly: boolean; defaultCountry: string | null; canEdit: boolean };

export function OrganizationSettingsForm({ name, repsSeeOwnLeadsOnly, defaultCountry, canEdit }: Props) {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const countries = useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: "region" });
    return getCountries()
      .map((code) => ({ code, label: names.of(code) ?? code }))
      .sort((a, b) => a.label.localeCompare(b.label, locale));
  }, [locale]);
  const { form, submit, formError } = useApiForm(updateOrganizationSchema, {
    defaultValues: { name, repsSeeOwnLeadsOnly, defaultCountry: defaultCountry ?? "" },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <Card title={t("settings.general")} description={canEdit ? undefined : t("settings.adminOnly")}>
      <form
        noValidate
        className="space-y-4"
        onSubmit={submit(async (values) => {
          setSaved(false);
          await api("/api/v1/organization", { method: "PATCH", body: values });
          setSaved(true);
          router.refresh();
        })}
      >
        <TextField label={t("settings.orgNameLabel")} disabled={!canEdit} error={errors.name?.message} {...form.register("name")} />
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
          <input type="checkbox" className="mt-1" disabled={!canEdit} {...form.register("repsSeeOwnLeadsOnly")} />
          <span>
            <span className="font-medium">{t("settings.repsSeeOwnLeadsOnly")}</span>
            <span className="block text-xs text-zinc-500">{t("settings.repsSeeOwnLeadsOnlyHint")}</span>
          </span>
        </label>
        {formError && <Alert tone="error">{formError}</Alert>}
        {saved && <Alert tone="success">{t("settings.saved")}</Alert>}
        {canEdit && (
          <Button type="submit" loading={isSubmitting}>
            {t("common.save")}
          </Button>
        )}
      </form>
    </Card>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { UpgradeLink } from "@/components/billing/upgrade-link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Form, SubmitButton } from "@/components/ui/form";
import { SelectField, TextField } from "@/components/ui/field";
import { Checkbox } from "@/components/ui/input";
import { createChannelSchema } from "@/lib/channels/schema";
import { api } from "@/lib/client/api";
import { useApiForm } from "@/lib/client/use-api-form";
import type { ChannelRow } from "./types";

const TWILIO_CAPABILITIES = ["sms", "whatsapp", "voice"] as const;

export function AddChannelDialog({ onCreated }: { onCreated: (channel: ChannelRow) => Promise<void> }) {
  const t = useTranslations("channels");
  const tc = useTranslations("common");
  const [open, setOpen] = useState(false);
  const { form, submit, formError, setFormError, formErrorCode } = useApiForm(createChannelSchema, {
    defaultValues: { provider: "twilio", address: "", capabilities: ["sms"], label: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const provider = form.watch("provider");
  const cloud = provider === "whatsapp_cloud";

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          form.reset();
          setFormError(null);
        }
      }}
      trigger={<Button>{t("add")}</Button>}
      title={t("addTitle")}
      description={t("addDescription")}
    >
      <Form
        className="space-y-4"
        data-testid="add-channel-form"
        onSubmit={submit(async (values) => {
          // A Twilio number has no Cloud API id, even if one was typed before switching provider.
          const body = values.provider === "twilio" ? { ...values, phoneNumberId: undefined } : values;
          const { channel } = await api<{ channel: ChannelRow }>("/api/v1/channels", { body });
          await onCreated(channel);
          form.reset();
          setOpen(false);
        })}
      >
        <SelectField
          label={t("provider")}
          error={errors.provider?.message}
          {...form.register("provider", {
            onChange: (event: { target: { value: string } }) =>
              form.setValue("capabilities", event.target.value === "whatsapp_cloud" ? ["whatsapp"] : ["sms"], {
                shouldValidate: false,
              }),
          })}
        >
          <option value="twilio">{t("providers.twilio")}</option>
          <option value="whatsapp_cloud">{t("providers.whatsapp_cloud")}</option>
        </SelectField>
        <TextField
          label={t("number")}
          type="tel"
          autoComplete="off"
          placeholder="+41 44 668 18 00"
          hint={t("numberHint")}
          error={errors.address?.message}
          {...form.register("address")}
        />
        {cloud && (
          <TextField
            label={t("phoneNumberId")}
            inputMode="numeric"
            autoComplete="off"
            hint={t("phoneNumberIdHint")}
            error={errors.phoneNumberId?.message}
            {...form.register("phoneNumberId", {
              setValueAs: (value: string) => (value?.trim() ? value.trim() : undefined),
            })}
          />
        )}
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-foreground-soft">{t("capabilities")}</legend>
          {cloud ? (
            <p className="text-sm text-muted-foreground">{t("cloudWhatsappOnly")}</p>
          ) : (
            <div className="flex flex-wrap gap-4 pt-1">
              {TWILIO_CAPABILITIES.map((capability) => (
                <label key={capability} className="flex items-center gap-2 text-sm">
                  <Checkbox value={capability} {...form.register("capabilities")} />
                  {t(`capabilityNames.${capability}`)}
                </label>
              ))}
            </div>
          )}
          {errors.capabilities?.message && (
            <p role="alert" className="text-sm text-danger-text">
              {errors.capabilities.message}
            </p>
          )}
        </fieldset>
        <TextField
          label={t("label")}
          placeholder={t("labelPlaceholder")}
          maxLength={80}
          error={errors.label?.message}
          {...form.register("label")}
        />
        {formError && (
          <Alert tone="error">
            {formError} {formErrorCode === "plan_limit" && <UpgradeLink />}
          </Alert>
        )}
        <div className="flex justify-end gap-2 pt-1">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            {tc("cancel")}
          </Button>
          <SubmitButton loading={isSubmitting}>{t("create")}</SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}

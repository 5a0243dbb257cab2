"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DirectionalArrow } from "@/components/ui/directional-icon";
import { Form, SubmitButton } from "@/components/ui/form";
import { TextareaField, TextField } from "@/components/ui/field";
import { Checkbox } from "@/components/ui/input";
import { simulateInboundSchema } from "@/lib/channels/schema";
import { api } from "@/lib/client/api";
import { useApiForm } from "@/lib/client/use-api-form";
import type { ChannelRow } from "./types";

/** Sandbox channels only: a lead's message through the real inbound pipeline. */
export function SimulateDialog({
  channel,
  number,
  onSent,
}: {
  channel: ChannelRow;
  number: string;
  onSent: () => Promise<void>;
}) {
  const t = useTranslations("channels");
  const tc = useTranslations("common");
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const mediums = (["sms", "whatsapp"] as const).filter((m) => channel.capabilities.includes(m));
  const defaults = { from: "", body: "", medium: mediums[0] ?? "sms" };
  const { form, submit, formError, setFormError } = useApiForm(simulateInboundSchema, { defaultValues: defaults });
  const { errors, isSubmitting } = form.formState;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          form.reset(defaults);
          setFormError(null);
          setSent(false);
        }
      }}
      trigger={
        <Button size="sm" variant="secondary">
          {t("simulateShort")}
        </Button>
      }
      title={t("simulateTitle")}
      description={t("simulateDescription", { number })}
    >
      <Form
        className="space-y-4"
        data-testid="simulate-form"
        onSubmit={submit(async (values) => {
          setSent(false);
          await api(`/api/v1/channels/${channel.id}/simulate`, { body: values });
          setSent(true);
          // Keep the sender for a follow-up message; clear what they said.
          form.reset({ ...values, body: "" });
          await onSent();
        })}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t("from")}
            type="tel"
            autoComplete="off"
            placeholder="+41 79 555 01 23"
            hint={t("fromHint")}
            error={errors.from?.message}
            {...form.register("from")}
          />
          <TextField
            label={t("profileName")}
            autoComplete="off"
            placeholder="Lena Vogel"
            hint={t("profileNameHint")}
            error={errors.profileName?.message}
            {...form.register("profileName", {
              setValueAs: (value: string) => (value?.trim() ? value.trim() : undefined),
            })}
          />
        </div>
        <TextareaField
          label={t("body")}
          id={`simulate-body-${channel.id}`}
          rows={3}
          maxLength={1600}
          placeholder={t("bodyPlaceholder")}
          error={errors.body?.message}
          {...form.register("body")}
        />
        <fieldset>
          <legend className="text-sm font-medium text-foreground-soft">{t("medium")}</legend>
          <div className="flex gap-4 pt-1">
            {mediums.map((medium) => (
              <label key={medium} className="flex items-center gap-2 text-sm">
                <Checkbox type="radio" value={medium} {...form.register("medium")} />
                {t(`capabilityNames.${medium}`)}
              </label>
            ))}
          </div>
          {errors.medium?.message && (
            <p role="alert" className="text-sm text-danger-text">
              {errors.medium.message}
            </p>
          )}
        </fieldset>
        {formError && <Alert tone="error">{formError}</Alert>}
        {sent && (
          <Alert tone="success" className="flex flex-wrap items-center justify-between gap-2">
            <span>{t("simulated")}</span>
            <Link href="/inbox" className="font-medium underline underline-offset-2">
              {t("openInbox")} <DirectionalArrow to="forward" />
            </Link>
          </Alert>
        )}
        <div className="flex justify-end gap-2 pt-1">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            {tc("cancel")}
          </Button>
          <SubmitButton loading={isSubmitting}>{t("send")}</SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}

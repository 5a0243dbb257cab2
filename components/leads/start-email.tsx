"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { LtrText } from "@/components/ui/bidi";
import { Button } from "@/components/ui/button";
import { DialogActions, Dialog } from "@/components/ui/dialog";
import { SelectField, TextareaField, TextField } from "@/components/ui/field";
import { Form, SubmitButton } from "@/components/ui/form";
import { api } from "@/lib/client/api";
import { useApiForm } from "@/lib/client/use-api-form";
import { startEmailConversationSchema } from "@/lib/inbox/schema";

export type Mailbox = { id: string; label: string; address: string };

/**
 * "Write an email" on the lead page: a new email thread from one of the organization's
 * mailboxes, its subject and first message sent at once; the inbox opens on it. Offered only
 * while the lead has an address that has not bounced, saying why otherwise.
 */
export function StartEmail({
  leadId,
  email,
  undeliverable,
  mailboxes,
}: {
  leadId: string;
  email: string | null;
  undeliverable: boolean;
  mailboxes: Mailbox[];
}) {
  const t = useTranslations("leads.conversations.email");
  if (!mailboxes.length) return null;
  if (!email) return <p className="text-sm text-subtle-foreground">{t("needsEmail")}</p>;
  if (undeliverable) return <p className="text-sm text-subtle-foreground">{t("undeliverable")}</p>;
  return <EmailDialog leadId={leadId} email={email} mailboxes={mailboxes} />;
}

function EmailDialog({ leadId, email, mailboxes }: { leadId: string; email: string; mailboxes: Mailbox[] }) {
  const t = useTranslations("leads.conversations.email");
  const tc = useTranslations("common");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { form, submit, formError } = useApiForm(startEmailConversationSchema, {
    defaultValues: { leadId, medium: "email", channelId: mailboxes[0]!.id, subject: "", body: "" },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      size="lg"
      title={t("title")}
      description={t("description")}
      trigger={
        <Button size="sm" variant="secondary" data-testid="start-email">
          {t("button")}
        </Button>
      }
    >
      <Form
        className="space-y-3"
        onSubmit={submit(async (values) => {
          const { conversation } = await api<{ conversation: { id: string } }>("/api/v1/conversations", {
            method: "POST",
            body: values,
          });
          router.push(`/inbox?c=${conversation.id}`);
        })}
      >
        {/* The lead's own problems (no address, a bounce since the page loaded) belong to no field of this form. */}
        {(formError ?? errors.leadId?.message) && <Alert tone="error">{formError ?? errors.leadId?.message}</Alert>}
        <SelectField label={t("from")} error={errors.channelId?.message} {...form.register("channelId")}>
          {mailboxes.map((mailbox) => (
            <option key={mailbox.id} value={mailbox.id}>
              {/* Two mailboxes may share a name ("Sales"): the address tells them apart. */}
              {mailbox.label && mailbox.label !== mailbox.address
                ? `${mailbox.label} <${mailbox.address}>`
                : mailbox.address}
            </option>
          ))}
        </SelectField>
        <p className="text-sm">
          <span className="font-medium text-foreground-soft">{t("to")}</span> <LtrText>{email}</LtrText>
        </p>
        <TextField label={t("subject")} error={errors.subject?.message} maxLength={255} {...form.register("subject")} />
        <TextareaField label={t("body")} rows={8} error={errors.body?.message} {...form.register("body")} />
        <DialogActions cancelLabel={tc("cancel")}>
          <SubmitButton loading={isSubmitting}>{t("send")}</SubmitButton>
        </DialogActions>
      </Form>
    </Dialog>
  );
}

"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/field";
import { Form, SubmitButton } from "@/components/ui/form";
import { EmptyState } from "@/components/ui/states";
import { QueryErrorState } from "@/components/ui/query-error-state";
import { createMailboxSchema } from "@/lib/channels/schema";
import { api } from "@/lib/client/api";
import { useApiForm } from "@/lib/client/use-api-form";
import { useErrorText } from "@/lib/client/use-error-text";
import { settingsKeys } from "../keys";
import { MailboxServers, type MailboxConnectionView } from "./mailbox-servers";
import { CopyRow, SecretRow } from "./value-rows";

type Overview = {
  url: string;
  secret: string;
  rotatedAt: string;
  headers: { signature: string; timestamp: string };
  maxBytes: number;
  mailboxes: { id: string; address: string; label: string; active: boolean }[];
  connections: MailboxConnectionView[];
};

const emailKey = () => [...settingsKeys.channels(), "email"] as const;

/** Settings → Channels, for admins: where a mail provider forwards raw mail, how it signs it, and the mailboxes. */
export function InboundEmailSetup() {
  const t = useTranslations("channels.inboundEmail");
  const tc = useTranslations("common");
  const format = useFormatter();
  const describe = useErrorText();
  const queryClient = useQueryClient();
  const overview = useQuery({ queryKey: emailKey(), queryFn: () => api<Overview>("/api/v1/channels/email") });
  const [notice, setNotice] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const { form, submit, formError } = useApiForm(createMailboxSchema, { defaultValues: { address: "", label: "" } });
  const { errors, isSubmitting } = form.formState;
  const data = overview.data;

  return (
    <Card title={t("title")} description={t("description")}>
      <div className="space-y-6" data-testid="inbound-email">
        {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
        {overview.isError && <QueryErrorState query={overview} message={t("loadFailed")} />}
        {data && (
          <>
            <div className="space-y-4">
              <CopyRow label={t("url")} value={data.url} />
              <SecretRow label={t("secret")} value={data.secret} />
              <p className="text-xs text-subtle-foreground">
                {t("signing", {
                  signature: data.headers.signature,
                  timestamp: data.headers.timestamp,
                  megabytes: Math.round(data.maxBytes / 1024 / 1024),
                })}
              </p>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="text-xs text-subtle-foreground">
                  {t("rotatedAt", {
                    time: format.dateTime(new Date(data.rotatedAt), { dateStyle: "medium", timeStyle: "short" }),
                  })}
                </p>
                <ConfirmDialog
                  trigger={
                    <Button size="sm" variant="secondary">
                      {t("rotate")}
                    </Button>
                  }
                  title={t("rotateTitle")}
                  description={t("rotateBody")}
                  confirmLabel={t("rotate")}
                  cancelLabel={tc("cancel")}
                  onConfirm={async () => {
                    setNotice(null);
                    try {
                      await api("/api/v1/channels/email/secret", { method: "POST", body: {} });
                      await queryClient.invalidateQueries({ queryKey: emailKey() });
                      setNotice({ tone: "success", text: t("rotated") });
                    } catch (error) {
                      setNotice({ tone: "error", text: describe(error) });
                    }
                  }}
                />
              </div>
            </div>

            <div className="space-y-3">
              <h3 className="text-sm font-semibold text-foreground">{t("mailboxes")}</h3>
              {data.mailboxes.length === 0 ? (
                <EmptyState title={t("mailboxesEmptyTitle")}>{t("mailboxesEmpty")}</EmptyState>
              ) : (
                <ul className="divide-y divide-border" data-testid="mailboxes">
                  {data.mailboxes.map((mailbox) => (
                    <li key={mailbox.id} className="space-y-1 py-2 text-sm">
                      <div className="flex flex-wrap items-center justify-between gap-2">
                        <span className="font-medium text-foreground">{mailbox.label}</span>
                        <span className="font-mono text-xs text-muted-foreground" dir="ltr">
                          {mailbox.address}
                        </span>
                      </div>
                      <MailboxServers
                        mailbox={mailbox}
                        connection={data.connections?.find((c) => c.channelId === mailbox.id)}
                        onChanged={() => queryClient.invalidateQueries({ queryKey: emailKey() })}
                      />
                    </li>
                  ))}
                </ul>
              )}
              <Form
                className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
                data-testid="add-mailbox-form"
                onSubmit={submit(async (values) => {
                  await api("/api/v1/channels/email", { body: values });
                  form.reset();
                  await queryClient.invalidateQueries({ queryKey: emailKey() });
                  setNotice({ tone: "success", text: t("added") });
                })}
              >
                <TextField
                  label={t("address")}
                  type="email"
                  autoComplete="off"
                  placeholder="sales@example.com"
                  error={errors.address?.message}
                  {...form.register("address")}
                />
                <TextField
                  label={t("label")}
                  maxLength={80}
                  error={errors.label?.message}
                  {...form.register("label")}
                />
                <SubmitButton loading={isSubmitting}>{t("addMailbox")}</SubmitButton>
              </Form>
              {formError && <Alert tone="error">{formError}</Alert>}
            </div>
          </>
        )}
      </div>
    </Card>
  );
}

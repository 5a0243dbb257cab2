"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { Form, SubmitButton } from "@/components/ui/form";
import { Checkbox } from "@/components/ui/input";
import {
  mailboxServersBody,
  mailboxServersFormSchema,
  SMTP_SECURITY,
  type MailErrorKind,
  type MailboxServersForm,
} from "@/lib/channels/schema";
import { api } from "@/lib/client/api";
import { useApiForm } from "@/lib/client/use-api-form";
import { useErrorText } from "@/lib/client/use-error-text";

/** A mailbox's servers as GET /api/v1/channels/email lists them: never a password, only that one is set. */
export type MailboxConnectionView = {
  channelId: string;
  imap: { host: string; port: number; tls: boolean; user: string; folder: string } | null;
  smtp: { host: string; port: number; security: (typeof SMTP_SECURITY)[number]; user: string } | null;
  lastPolledAt: string | null;
  lastOkAt: string | null;
  lastErrorKind: MailErrorKind | null;
};

type Check = { ok: true } | { ok: false; kind: MailErrorKind };

const formOf = (connection: MailboxConnectionView | undefined): MailboxServersForm => ({
  imapOn: Boolean(connection?.imap) || !connection,
  imap: {
    host: connection?.imap?.host ?? "",
    port: String(connection?.imap?.port ?? 993),
    tls: connection?.imap?.tls ?? true,
    user: connection?.imap?.user ?? "",
    password: "",
    folder: connection?.imap?.folder ?? "INBOX",
  },
  smtpOn: Boolean(connection?.smtp) || !connection,
  smtp: {
    host: connection?.smtp?.host ?? "",
    port: String(connection?.smtp?.port ?? 465),
    security: connection?.smtp?.security ?? "tls",
    user: connection?.smtp?.user ?? "",
    password: "",
  },
});

/** One mailbox's line under Settings → Channels → Inbound email: how it is read, and its servers' dialog. */
export function MailboxServers({
  mailbox,
  connection,
  onChanged,
}: {
  mailbox: { id: string; address: string };
  connection: MailboxConnectionView | undefined;
  onChanged: () => Promise<void>;
}) {
  const t = useTranslations("channels.mailboxServers");
  const tc = useTranslations("common");
  const format = useFormatter();
  const describe = useErrorText();
  const [open, setOpen] = useState(false);
  const [checks, setChecks] = useState<{ imap: Check | null; smtp: Check | null } | null>(null);
  const [testing, setTesting] = useState(false);
  const [testError, setTestError] = useState<string | null>(null);
  const { form, submit, formError, setFormError } = useApiForm(mailboxServersFormSchema, {
    defaultValues: formOf(connection),
  });
  const { errors, isSubmitting } = form.formState;
  const imapOn = form.watch("imapOn");
  const smtpOn = form.watch("smtpOn");
  const checkText = (check: Check | null) =>
    check === null ? t("notSet") : check.ok ? t("testOk") : t(`errors.${check.kind}`);

  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-subtle-foreground" data-testid="mailbox-servers">
      {connection?.imap ? (
        connection.lastErrorKind ? (
          <Badge tone="danger">{t(`errors.${connection.lastErrorKind}`)}</Badge>
        ) : (
          <Badge tone="success">{t("imapConnected")}</Badge>
        )
      ) : (
        <span>{t("byWebhook")}</span>
      )}
      {connection?.lastPolledAt && (
        <span>
          {t("lastPolled", {
            time: format.dateTime(new Date(connection.lastPolledAt), { dateStyle: "medium", timeStyle: "short" }),
          })}
        </span>
      )}
      {connection?.smtp && <span>{t("smtpConnected", { host: connection.smtp.host })}</span>}
      <Dialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next) form.reset(formOf(connection));
          setFormError(null);
          setChecks(null);
          setTestError(null);
        }}
        trigger={
          <Button size="sm" variant="secondary">
            {t("open")}
          </Button>
        }
        title={t("title", { address: mailbox.address })}
        description={t("description")}
        size="lg"
      >
        <Form
          className="space-y-4"
          data-testid="mailbox-servers-form"
          onSubmit={submit(async (values) => {
            await api(`/api/v1/channels/${mailbox.id}/servers`, { method: "PUT", body: mailboxServersBody(values) });
            await onChanged();
            form.reset({ ...values, imap: { ...values.imap, password: "" }, smtp: { ...values.smtp, password: "" } });
            setFormError(null);
            setChecks(null);
          })}
        >
          <fieldset className="space-y-3">
            <label className="flex items-center gap-2 text-sm font-medium text-foreground">
              <Checkbox {...form.register("imapOn")} />
              {t("imap")}
            </label>
            {imapOn && (
              <div className="grid gap-3 sm:grid-cols-2">
                <TextField
                  label={t("host")}
                  dir="ltr"
                  autoComplete="off"
                  placeholder="imap.example.com"
                  error={errors.imap?.host?.message}
                  {...form.register("imap.host")}
                />
                <TextField
                  label={t("port")}
                  inputMode="numeric"
                  dir="ltr"
                  error={errors.imap?.port?.message}
                  {...form.register("imap.port")}
                />
                <TextField
                  label={t("user")}
                  dir="ltr"
                  autoComplete="off"
                  error={errors.imap?.user?.message}
                  {...form.register("imap.user")}
                />
                <TextField
                  label={t("password")}
                  type="password"
                  autoComplete="new-password"
                  placeholder={connection?.imap ? t("passwordSet") : undefined}
                  hint={connection?.imap ? t("passwordKeep") : undefined}
                  error={errors.imap?.password?.message}
                  {...form.register("imap.password")}
                />
                <TextField
                  label={t("folder")}
                  dir="ltr"
                  error={errors.imap?.folder?.message}
                  {...form.register("imap.folder")}
                />
                <label className="flex items-center gap-2 self-end pb-2 text-sm">
                  <Checkbox {...form.register("imap.tls")} />
                  {t("imapTls")}
                </label>
              </div>
            )}
          </fieldset>
          <fieldset className="space-y-3">
            <label className="flex items-center gap-2 text-sm font-medium text-foreground">
              <Checkbox {...form.register("smtpOn")} />
              {t("smtp")}
            </label>
            {smtpOn && (
              <div className="grid gap-3 sm:grid-cols-2">
                <TextField
                  label={t("host")}
                  dir="ltr"
                  autoComplete="off"
                  placeholder="smtp.example.com"
                  error={errors.smtp?.host?.message}
                  {...form.register("smtp.host")}
                />
                <TextField
                  label={t("port")}
                  inputMode="numeric"
                  dir="ltr"
                  error={errors.smtp?.port?.message}
                  {...form.register("smtp.port")}
                />
                <TextField
                  label={t("user")}
                  dir="ltr"
                  autoComplete="off"
                  error={errors.smtp?.user?.message}
                  {...form.register("smtp.user")}
                />
                <TextField
                  label={t("password")}
                  type="password"
                  autoComplete="new-password"
                  placeholder={connection?.smtp ? t("passwordSet") : undefined}
                  hint={connection?.smtp ? t("passwordKeep") : undefined}
                  error={errors.smtp?.password?.message}
                  {...form.register("smtp.password")}
                />
                <SelectField
                  label={t("security")}
                  error={errors.smtp?.security?.message}
                  {...form.register("smtp.security")}
                >
                  {SMTP_SECURITY.map((security) => (
                    <option key={security} value={security}>
                      {t(`securities.${security}`)}
                    </option>
                  ))}
                </SelectField>
              </div>
            )}
          </fieldset>
          {(errors as { imap?: { message?: string } }).imap?.message && (
            <Alert tone="error">{(errors as { imap?: { message?: string } }).imap!.message}</Alert>
          )}
          {formError && <Alert tone="error">{formError}</Alert>}
          {checks && (
            <Alert tone={(checks.imap?.ok ?? true) && (checks.smtp?.ok ?? true) ? "success" : "error"}>
              <span data-testid="mailbox-test-result">
                {t("testResult", { imap: checkText(checks.imap), smtp: checkText(checks.smtp) })}
              </span>
            </Alert>
          )}
          {testError && <Alert tone="error">{testError}</Alert>}
          <div className="flex flex-wrap justify-end gap-2 pt-1">
            {connection && (
              <Button
                variant="secondary"
                loading={testing}
                onClick={async () => {
                  setTesting(true);
                  setTestError(null);
                  try {
                    setChecks(await api(`/api/v1/channels/${mailbox.id}/servers/test`, { method: "POST", body: {} }));
                  } catch (error) {
                    setTestError(describe(error));
                  } finally {
                    setTesting(false);
                  }
                }}
              >
                {t("test")}
              </Button>
            )}
            {connection && (
              <ConfirmDialog
                trigger={<Button variant="secondary">{t("disconnect")}</Button>}
                title={t("disconnectTitle")}
                description={t("disconnectBody")}
                confirmLabel={t("disconnect")}
                cancelLabel={tc("cancel")}
                onConfirm={async () => {
                  try {
                    await api(`/api/v1/channels/${mailbox.id}/servers`, { method: "DELETE" });
                    await onChanged();
                    setOpen(false);
                  } catch (error) {
                    setTestError(describe(error));
                  }
                }}
              />
            )}
            <SubmitButton loading={isSubmitting}>{t("save")}</SubmitButton>
          </div>
        </Form>
      </Dialog>
    </div>
  );
}

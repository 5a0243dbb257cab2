"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Jsonified } from "@/components/leads/types";
import { RelativeTime } from "@/components/leads/relative-time";
import { CopyButton } from "@/components/settings/copy-button";
import { Alert } from "@/components/ui/alert";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SelectField } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { isOAuthError } from "@/lib/integrations/oauth-errors";
import type { IntegrationsOverview } from "@/lib/integrations/overview";
import { renderIntegrationProblem, type IntegrationProblem } from "@/lib/integrations/problems";
import { settingsKeys } from "../keys";
import { SimulateBookingDialog } from "./simulate-booking-dialog";

type Overview = Jsonified<IntegrationsOverview>;
const KEY = settingsKeys.integrations();

const STATUS_TONE: Record<string, string> = {
  connected: "bg-success-muted text-success-muted-foreground",
  needs_reauth: "bg-warning-muted text-warning-muted-foreground",
  error: "bg-danger-muted text-danger-muted-foreground",
  disconnected: "bg-muted text-secondary-foreground",
  sandbox: "bg-warning-muted text-warning-muted-foreground",
};

function Code({ value, label }: { value: string; label: string }) {
  return (
    <div className="flex items-center gap-2">
      <code className="min-w-0 flex-1 truncate rounded bg-muted px-2 py-1 font-mono text-xs" title={value}>
        {value}
      </code>
      <CopyButton value={value} name={label} />
    </div>
  );
}

export function IntegrationsPanel({
  initial,
  members,
  result,
}: {
  initial: Overview;
  members: { userId: string; name: string }[];
  result: { connected: boolean; error: string | null };
}) {
  const t = useTranslations("integrations");
  const tp = useTranslations("notificationTexts");
  const problemText = (problems: IntegrationProblem[]) =>
    problems.map((p) => renderIntegrationProblem(p, tp)).join(" ");
  const describe = useErrorText();
  const queryClient = useQueryClient();
  const overview = useQuery({
    queryKey: KEY,
    queryFn: () => api<Overview>("/api/v1/integrations"),
    initialData: initial,
  });
  const calendly = (overview.data ?? initial).calendly;
  const connection = calendly.connection;
  const live = connection && connection.status !== "disconnected";
  const [notice, setNotice] = useState<{ tone: "success" | "error" | "warning"; text: string } | null>(
    result.connected
      ? { tone: "success", text: t("connectedNotice") }
      : result.error
        ? { tone: "error", text: t(`errors.${isOAuthError(result.error) ? result.error : "state"}`) }
        : null,
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });

  const disconnect = async () => {
    try {
      const response = await api<{ warnings: IntegrationProblem[] }>("/api/v1/integrations/calendly", {
        method: "DELETE",
      });
      setNotice(
        response.warnings.length
          ? { tone: "warning", text: `${t("disconnected")} ${problemText(response.warnings)}` }
          : { tone: "success", text: t("disconnected") },
      );
      await refresh();
    } catch (e) {
      setNotice({ tone: "error", text: describe(e) });
    }
  };
  const setOwner = async (defaultOwnerId: string) => {
    try {
      await api("/api/v1/integrations/calendly", { method: "PATCH", body: { defaultOwnerId: defaultOwnerId || null } });
      await refresh();
    } catch (e) {
      setNotice({ tone: "error", text: describe(e) });
    }
  };

  const badge = live ? connection.status : calendly.configured ? "disconnected" : "sandbox";
  return (
    <div className="space-y-6">
      <Card
        title={
          <span className="flex items-center gap-2">
            Calendly
            <span
              className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_TONE[badge]}`}
              data-testid="calendly-status"
            >
              {t(`status.${badge}`)}
            </span>
          </span>
        }
        description={t("calendlyDescription")}
        actions={
          <div className="flex flex-wrap gap-2">
            {calendly.configured && (!live || connection.status !== "connected") && (
              // A plain navigation: the start route redirects to Calendly.
              <a href="/api/oauth/calendly/start" className={buttonVariants()}>
                {live ? t("reconnect") : t("connect")}
              </a>
            )}
            {live && (
              <ConfirmDialog
                trigger={<Button variant="secondary">{t("disconnect")}</Button>}
                title={t("disconnectTitle")}
                description={t("disconnectBody")}
                confirmLabel={t("disconnect")}
                cancelLabel={t("cancel")}
                onConfirm={disconnect}
              />
            )}
          </div>
        }
      >
        <div className="space-y-4 text-sm">
          {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
          {live ? (
            <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
              <dt className="text-subtle-foreground">{t("account")}</dt>
              <dd>{[connection.accountName, connection.accountEmail].filter(Boolean).join(" · ") || "—"}</dd>
              <dt className="text-subtle-foreground">{t("lastSync")}</dt>
              <dd>{connection.lastSyncAt ? <RelativeTime date={connection.lastSyncAt} /> : t("never")}</dd>
              {connection.lastErrors.length > 0 && (
                <>
                  <dt className="text-subtle-foreground">{t("lastError")}</dt>
                  <dd className="text-danger-text" data-testid="calendly-last-error">
                    {problemText(connection.lastErrors)}
                  </dd>
                </>
              )}
              <dt className="text-subtle-foreground">{t("newLeadsOwner")}</dt>
              <dd>
                <SelectField
                  label={t("newLeadsOwner")}
                  hideLabel
                  value={connection.defaultOwnerId ?? ""}
                  onChange={(e) => setOwner(e.target.value)}
                >
                  <option value="">{t("unassigned")}</option>
                  {members.map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {m.name}
                    </option>
                  ))}
                </SelectField>
              </dd>
            </dl>
          ) : !calendly.configured ? (
            <div className="space-y-3" data-testid="calendly-setup">
              <p>{t("setupIntro")}</p>
              <ol className="list-decimal space-y-2 ps-5">
                <li>{t("setupStep1")}</li>
                <li className="space-y-1">
                  <p>{t("setupStep2")}</p>
                  <Code value={calendly.redirectUri} label={t("copyRedirect")} />
                </li>
                <li>
                  {t.rich("setupStep3", {
                    code: (chunks) => <code className="rounded bg-muted px-1 font-mono text-xs">{chunks}</code>,
                  })}
                </li>
              </ol>
              <p className="text-subtle-foreground">
                {t.rich("handMade", {
                  code: (chunks) => <code className="rounded bg-muted px-1 font-mono text-xs">{chunks}</code>,
                })}
              </p>
            </div>
          ) : (
            <p>{t("readyToConnect")}</p>
          )}
          {calendly.handMadeSubscription.enabled && (
            <div className="space-y-1">
              <p className="font-medium">{t("handMadeActive")}</p>
              <Code value={calendly.handMadeSubscription.webhookUrl} label={t("copyWebhook")} />
            </div>
          )}
        </div>
      </Card>

      {calendly.sandbox && (
        <Card
          title={t("sandboxTitle")}
          description={t("sandboxDescription")}
          actions={<SimulateBookingDialog onSimulated={(text) => setNotice({ tone: "success", text })} />}
        >
          <div className="space-y-2 text-sm">
            <p className="text-muted-foreground">{t("sandboxCurl")}</p>
            <Code value={calendly.sandbox.webhookUrl} label={t("copyWebhook")} />
            <Code value={calendly.sandbox.signingKey} label={t("copyKey")} />
          </div>
        </Card>
      )}
    </div>
  );
}

"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Jsonified } from "@/components/leads/types";
import { RelativeTime } from "@/components/leads/relative-time";
import { CopyButton } from "@/components/settings/copy-button";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { LtrText } from "@/components/ui/bidi";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import type { GoogleOverview } from "@/lib/integrations/google/overview";
import { GOOGLE_PARTS, isGoogleOAuthError, type GooglePart } from "@/lib/integrations/google/parts";
import { renderIntegrationProblem, type IntegrationProblem } from "@/lib/integrations/problems";
import { settingsKeys } from "../keys";
import { GoogleSyncStatus } from "./google-sync";

type Overview = Jsonified<GoogleOverview>;

const TONE: Record<string, BadgeTone> = {
  connected: "success",
  needs_reauth: "warning",
  error: "danger",
  disconnected: "neutral",
  not_configured: "warning",
};

/**
 * Settings → Integrations → Google: the signed-in user's own account. Without an OAuth client on
 * the server it offers the sandbox Google (labelled Sandbox) where sandbox tools are on, and
 * explains the setup otherwise, labelled as not configured.
 */
export function GoogleCard({
  initial,
  result,
}: {
  initial: Overview;
  result: { connected: boolean; error: string | null };
}) {
  const t = useTranslations("integrations");
  const tg = useTranslations("integrations.google");
  const tp = useTranslations("notificationTexts");
  const describe = useErrorText();
  const queryClient = useQueryClient();
  const overview = useQuery({
    queryKey: settingsKeys.google(),
    queryFn: () => api<Overview>("/api/v1/integrations/google"),
    initialData: initial,
  });
  const google = overview.data ?? initial;
  const connection = google.connection;
  const live = connection && connection.status !== "disconnected";
  const problemText = (problems: IntegrationProblem[]) =>
    problems.map((p) => renderIntegrationProblem(p, tp)).join(" ");
  const [notice, setNotice] = useState<{ tone: "success" | "error" | "warning"; text: string } | null>(
    result.connected
      ? { tone: "success", text: tg("connectedNotice") }
      : result.error
        ? { tone: "error", text: tg(`errors.${isGoogleOAuthError(result.error) ? result.error : "state"}`) }
        : null,
  );
  const [pending, setPending] = useState<GooglePart | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: settingsKeys.google() });

  const switchPart = async (part: GooglePart, enabled: boolean) => {
    setPending(part);
    try {
      const response = await api<{ authorizeUrl: string | null }>("/api/v1/integrations/google", {
        method: "PATCH",
        body: { [part]: enabled },
      });
      // Not granted yet: Google's consent screen for this part alone, then back here.
      if (response.authorizeUrl) window.location.assign(response.authorizeUrl);
      else await refresh();
    } catch (e) {
      setNotice({ tone: "error", text: describe(e) });
    } finally {
      setPending(null);
    }
  };
  const disconnect = async () => {
    try {
      const response = await api<{ warnings: IntegrationProblem[] }>("/api/v1/integrations/google", {
        method: "DELETE",
      });
      setNotice(
        response.warnings.length
          ? { tone: "warning", text: `${tg("disconnected")} ${problemText(response.warnings)}` }
          : { tone: "success", text: tg("disconnected") },
      );
      await refresh();
    } catch (e) {
      setNotice({ tone: "error", text: describe(e) });
    }
  };

  const enabledParts = live ? GOOGLE_PARTS.filter((part) => connection.parts[part].enabled) : [];
  const startUrl = `/api/oauth/google/start${enabledParts.length ? `?parts=${enabledParts.join(",")}` : ""}`;
  const badge = !google.configured ? "not_configured" : live ? connection.status : "disconnected";
  const setup = (
    <ol className="list-decimal space-y-2 ps-5">
      <li>{tg("setupStep1")}</li>
      <li className="space-y-1">
        <p>{tg("setupStep2")}</p>
        <div className="flex items-center gap-2">
          <code
            className="min-w-0 flex-1 truncate rounded bg-muted px-2 py-1 font-mono text-xs"
            title={google.redirectUri}
          >
            <LtrText>{google.redirectUri}</LtrText>
          </code>
          <CopyButton value={google.redirectUri} name={tg("copyRedirect")} />
        </div>
      </li>
      <li>
        {tg.rich("setupStep3", {
          code: (chunks) => <code className="rounded bg-muted px-1 font-mono text-xs">{chunks}</code>,
        })}
      </li>
    </ol>
  );
  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          Google
          <Badge tone={TONE[badge]}>
            <span data-testid="google-status">
              {badge === "not_configured" ? tg("notConfigured") : t(`status.${badge}`)}
            </span>
          </Badge>
          {google.sandbox && (
            <Badge tone="info">
              <span data-testid="google-sandbox">{t("status.sandbox")}</span>
            </Badge>
          )}
        </span>
      }
      description={tg("description")}
      actions={
        <div className="flex flex-wrap gap-2">
          {google.configured && (!live || connection.status !== "connected") && (
            // A plain navigation: the start route redirects to Google. Reconnecting asks again for the
            // parts that were on, since a revoked grant took their scopes with it.
            <a href={startUrl} className={buttonVariants()}>
              {live ? tg("reconnect") : google.sandbox ? tg("sandbox.connect") : tg("connect")}
            </a>
          )}
          {live && (
            <ConfirmDialog
              trigger={<Button variant="secondary">{tg("disconnect")}</Button>}
              title={tg("disconnectTitle")}
              description={tg("disconnectBody")}
              confirmLabel={tg("disconnect")}
              cancelLabel={tg("cancel")}
              onConfirm={disconnect}
            />
          )}
        </div>
      }
    >
      <div className="space-y-4 text-sm" data-testid="google-card">
        {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
        {google.sandbox && (
          <Alert tone="info">
            <span data-testid="google-sandbox-note">{tg("sandbox.note")}</span>
          </Alert>
        )}
        {!google.configured ? (
          <div className="space-y-3" data-testid="google-setup">
            <p>{tg("setupIntro")}</p>
            {setup}
          </div>
        ) : live ? (
          <>
            <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
              <dt className="text-subtle-foreground">{tg("account")}</dt>
              <dd>{connection.email ? <LtrText>{connection.email}</LtrText> : "—"}</dd>
              <dt className="text-subtle-foreground">{tg("lastRefreshed")}</dt>
              <dd>{connection.lastRefreshedAt ? <RelativeTime date={connection.lastRefreshedAt} /> : tg("never")}</dd>
              {connection.lastErrors.length > 0 && (
                <>
                  <dt className="text-subtle-foreground">{tg("lastError")}</dt>
                  <dd className="text-danger-text" data-testid="google-last-error">
                    {problemText(connection.lastErrors)}
                  </dd>
                </>
              )}
            </dl>
            {connection.status === "connected" && (
              <div className="space-y-2">
                {GOOGLE_PARTS.map((part) => {
                  const state = connection.parts[part];
                  return (
                    <label key={part} className="flex items-start gap-3">
                      <input
                        type="checkbox"
                        className="mt-1 size-4 shrink-0 accent-primary"
                        checked={state.enabled}
                        disabled={pending !== null}
                        onChange={(e) => switchPart(part, e.target.checked)}
                        data-testid={`google-part-${part}`}
                      />
                      <span>
                        <span className="font-medium">{tg(`parts.${part}`)}</span>
                        {!state.granted && (
                          <span className="block text-xs text-subtle-foreground">{tg("partNeedsGrant")}</span>
                        )}
                      </span>
                    </label>
                  );
                })}
              </div>
            )}
            {connection.status === "connected" && (
              <GoogleSyncStatus parts={enabledParts.filter((part) => connection.parts[part].granted)} />
            )}
          </>
        ) : (
          <p>{tg("readyToConnect")}</p>
        )}
        {google.sandbox && (
          // How to leave the sandbox: the same steps a server without sandbox tools shows.
          <details className="space-y-2" data-testid="google-sandbox-setup">
            <summary className="cursor-pointer text-subtle-foreground">{tg("sandbox.realSetup")}</summary>
            {setup}
          </details>
        )}
      </div>
    </Card>
  );
}

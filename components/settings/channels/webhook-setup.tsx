"use client";

import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { CopyRow, SecretRow } from "./value-rows";
import type { ChannelsOverview } from "./types";

function Steps({ title, steps }: { title: string; steps: string[] }) {
  return (
    <div>
      <h3 className="text-sm font-semibold text-foreground">{title}</h3>
      <ol className="mt-2 list-decimal space-y-1 ps-5 text-sm text-muted-foreground">
        {steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </div>
  );
}

export function WebhookSetup({ webhooks, sandbox }: Pick<ChannelsOverview, "webhooks" | "sandbox">) {
  const t = useTranslations("channels");
  const secrets = [
    sandbox.twilioSigningSecret && { label: t("twilioSigningSecret"), value: sandbox.twilioSigningSecret },
    sandbox.whatsappAppSecret && { label: t("whatsappAppSecret"), value: sandbox.whatsappAppSecret },
    sandbox.whatsappVerifyToken && { label: t("whatsappVerifyToken"), value: sandbox.whatsappVerifyToken },
  ].filter((s): s is { label: string; value: string } => Boolean(s));

  return (
    <Card title={t("webhooksTitle")} description={t("webhooksDescription")}>
      <div className="space-y-6">
        <div className="space-y-4" data-testid="webhook-urls">
          <CopyRow label={t("twilioMessaging")} value={webhooks.twilioMessaging} sandbox={sandbox.twilio} />
          <CopyRow label={t("twilioStatus")} value={webhooks.twilioStatus} sandbox={sandbox.twilio} />
          <CopyRow label={t("whatsappWebhook")} value={webhooks.whatsapp} sandbox={sandbox.whatsapp} />
          {(sandbox.twilio || sandbox.whatsapp) && (
            <p className="text-xs text-subtle-foreground">{t("sandboxUrlsHint")}</p>
          )}
          <p className="text-xs text-subtle-foreground">{t("appUrlHint")}</p>
        </div>

        {secrets.length > 0 && (
          <div
            className="space-y-4 rounded-md border border-warning-border bg-warning-surface/60 p-4"
            data-testid="sandbox-secrets"
          >
            <div>
              <h3 className="text-sm font-semibold text-foreground">{t("sandboxSecretsTitle")}</h3>
              <p className="mt-1 text-sm text-muted-foreground">{t("sandboxSecretsDescription")}</p>
            </div>
            {secrets.map((secret) => (
              <SecretRow key={secret.label} label={secret.label} value={secret.value} />
            ))}
          </div>
        )}

        <div className="grid gap-6 md:grid-cols-2">
          <Steps
            title={t("twilioHowTitle")}
            steps={[t("twilioHow1"), t("twilioHow2"), t("twilioHow3"), t("twilioHow4")]}
          />
          <Steps
            title={t("metaHowTitle")}
            steps={[
              t("metaHow1"),
              t("metaHow2", {
                token: !sandbox.whatsapp
                  ? t("verifyTokenEnv")
                  : sandbox.whatsappVerifyToken
                    ? t("verifyTokenSandbox")
                    : t("verifyTokenAdminOnly"),
              }),
              t("metaHow3"),
              t("metaHow4"),
            ]}
          />
        </div>
      </div>
    </Card>
  );
}

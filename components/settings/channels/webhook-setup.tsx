"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "./copy-button";
import type { ChannelsOverview } from "./types";

const valueBox =
  "min-w-0 flex-1 truncate rounded-md border border-border-strong bg-background px-3 py-1.5 font-mono text-xs text-foreground-soft";

function CopyRow({ label, value, sandbox = false }: { label: string; value: string; sandbox?: boolean }) {
  const t = useTranslations("channels");
  const id = useId();
  return (
    <div className="space-y-1">
      <p id={id} className="flex items-center gap-2 text-sm font-medium text-foreground-soft">
        {label}
        {sandbox && <SandboxTag label={t("sandbox")} />}
      </p>
      <div className="flex items-center gap-2">
        <code aria-labelledby={id} className={valueBox} title={value}>
          {value}
        </code>
        <CopyButton value={value} name={label} />
      </div>
    </div>
  );
}

function SandboxTag({ label }: { label: string }) {
  return (
    <span
      className="rounded-full bg-warning-muted px-2 py-0.5 text-xs font-medium text-warning-muted-foreground"
      data-testid="sandbox-tag"
    >
      {label}
    </span>
  );
}

/** A secret shown as dots until revealed; copying never needs revealing. */
function SecretRow({ label, value }: { label: string; value: string }) {
  const t = useTranslations("channels");
  const id = useId();
  const [shown, setShown] = useState(false);
  return (
    <div className="space-y-1">
      <p id={id} className="text-sm font-medium text-foreground-soft">
        {label}
      </p>
      <div className="flex items-center gap-2">
        <code aria-labelledby={id} className={valueBox} data-testid="secret-value">
          {shown ? value : "•".repeat(24)}
        </code>
        <Button
          size="sm"
          variant="ghost"
          className="min-w-16"
          aria-pressed={shown}
          aria-label={shown ? t("hideLabel", { name: label }) : t("revealLabel", { name: label })}
          onClick={() => setShown((s) => !s)}
        >
          {shown ? t("hide") : t("reveal")}
        </Button>
        <CopyButton value={value} name={label} />
      </div>
    </div>
  );
}

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

"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "./copy-button";
import type { ChannelsOverview } from "./types";

const valueBox =
  "min-w-0 flex-1 truncate rounded-md border border-zinc-200 bg-zinc-50 px-3 py-1.5 font-mono text-xs text-zinc-800 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-200";

function CopyRow({ label, value, sandbox = false }: { label: string; value: string; sandbox?: boolean }) {
  const t = useTranslations("channels");
  const id = useId();
  return (
    <div className="space-y-1">
      <p id={id} className="flex items-center gap-2 text-sm font-medium text-zinc-800 dark:text-zinc-200">
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
    <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200" data-testid="sandbox-tag">
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
      <p id={id} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </p>
      <div className="flex items-center gap-2">
        <code aria-labelledby={id} className={valueBox} data-testid="secret-value">
          {shown ? value : "•".repeat(24)}
        </code>
        <Button size="sm" variant="ghost" className="min-w-16" aria-pressed={shown} aria-label={shown ? t("hideLabel", { name: label }) : t("revealLabel", { name: label })} onClick={() => setShown((s) => !s)}>
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
      <h3 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">{title}</h3>
      <ol className="mt-2 list-decimal space-y-1 ps-5 text-sm text-zinc-600 dark:text-zinc-400">
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
          {(sandbox.twilio || sandbox.whatsapp) && <p className="text-xs text-zinc-500">{t("sandboxUrlsHint")}</p>}
          <p className="text-xs text-zinc-500">{t("appUrlHint")}</p>
        </div>

        {secrets.length > 0 && (
          <div className="space-y-4 rounded-md border border-amber-200 bg-amber-50/60 p-4 dark:border-amber-900 dark:bg-amber-950/40" data-testid="sandbox-secrets">
            <div>
              <h3 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">{t("sandboxSecretsTitle")}</h3>
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t("sandboxSecretsDescription")}</p>
            </div>
            {secrets.map((secret) => (
              <SecretRow key={secret.label} label={secret.label} value={secret.value} />
            ))}
          </div>
        )}

        <div className="grid gap-6 md:grid-cols-2">
          <Steps title={t("twilioHowTitle")} steps={[t("twilioHow1"), t("twilioHow2"), t("twilioHow3"), t("twilioHow4")]} />
          <Steps
            title={t("metaHowTitle")}
            steps={[
              t("metaHow1"),
              t("metaHow2", { token: !sandbox.whatsapp ? t("verifyTokenEnv") : sandbox.whatsappVerifyToken ? t("verifyTokenSandbox") : t("verifyTokenAdminOnly") }),
              t("metaHow3"),
              t("metaHow4"),
            ]}
          />
        </div>
      </div>
    </Card>
  );
}

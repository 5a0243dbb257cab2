"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { UserText } from "@/components/ui/bidi";
import { ChannelBadge } from "@/components/inbox/channel-badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/input";
import { api, ApiError } from "@/lib/client/api";
import { RelativeTime } from "./relative-time";
import { StartEmail } from "./start-email";

export type LeadConversationData = {
  id: string;
  medium: "sms" | "whatsapp" | "email";
  channelLabel: string;
  status: "open" | "pending" | "closed";
  lastMessageAt: string;
  lastMessagePreview: string;
  lastMessageDirection: "inbound" | "outbound" | null;
  unreadCount: number;
};
export type ChannelOption = { id: string; label: string; address: string; capabilities: string[]; active: boolean };

/** The lead's threads, each opening in the inbox, and a way to start one (a first SMS, a new email). */
export function LeadConversations({
  leadId,
  hasPhone,
  email,
  emailUndeliverable,
  conversations,
  channels,
  preferredWhatsAppNumberId,
  disabled,
}: {
  leadId: string;
  hasPhone: boolean;
  email: string | null;
  emailUndeliverable: boolean;
  conversations: LeadConversationData[];
  channels: ChannelOption[];
  preferredWhatsAppNumberId: string | null;
  disabled: boolean;
}) {
  const t = useTranslations("leads.conversations");
  const router = useRouter();
  const options = channels
    .filter((c) => c.active)
    .flatMap((c) =>
      (["sms", "whatsapp"] as const)
        .filter((m) => c.capabilities.includes(m))
        .map((medium) => ({ channelId: c.id, medium, label: `${c.label} · ${medium === "sms" ? "SMS" : "WhatsApp"}` })),
    );
  const mailboxes = channels.filter((c) => c.active && c.capabilities.includes("email"));
  // The user's preferred WhatsApp number comes first; one no longer among the channels reads as none.
  const [choice, setChoice] = useState(() =>
    Math.max(
      0,
      options.findIndex((o) => o.medium === "whatsapp" && o.channelId === preferredWhatsAppNumberId),
    ),
  );
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start() {
    const option = options[choice];
    if (!option) return;
    setPending(true);
    setError(null);
    try {
      const { conversation } = await api<{ conversation: { id: string } }>("/api/v1/conversations", {
        method: "POST",
        body: { leadId, channelId: option.channelId, medium: option.medium },
      });
      router.push(`/inbox?c=${conversation.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t("error"));
      setPending(false);
    }
  }

  return (
    <Card title={t("title")}>
      {conversations.length === 0 ? (
        <p className="text-sm text-subtle-foreground">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-border">
          {conversations.map((c) => (
            <li key={c.id}>
              <Link href={`/inbox?c=${c.id}`} className="flex items-center gap-3 py-2 hover:bg-surface-hover">
                <ChannelBadge medium={c.medium} />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm text-foreground">
                    {c.lastMessageDirection === "outbound" ? `${t("you")}: ` : ""}
                    {c.lastMessagePreview ? <UserText>{c.lastMessagePreview}</UserText> : t("noMessages")}
                  </span>
                  <span className="block text-xs text-subtle-foreground">
                    <UserText>{c.channelLabel}</UserText> · {t(`status.${c.status}`)} ·{" "}
                    <RelativeTime date={c.lastMessageAt} />
                  </span>
                </span>
                {c.unreadCount > 0 && <Badge className="bg-danger text-danger-foreground">{c.unreadCount}</Badge>}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {!disabled && (
        <div className="mt-4 space-y-3 border-t border-border pt-4">
          {/* An organization that only has mailboxes is not asked for numbers it does not use. */}
          {options.length === 0 && mailboxes.length > 0 ? null : !hasPhone ? (
            <p className="text-sm text-subtle-foreground">{t("needsPhone")}</p>
          ) : options.length === 0 ? (
            <p className="text-sm text-subtle-foreground">
              {t("noChannels")}{" "}
              <Link className="underline" href="/settings/channels">
                {t("setUpChannels")}
              </Link>
            </p>
          ) : (
            <div className="flex flex-wrap items-end gap-2">
              <label className="flex-1 text-sm">
                <span className="mb-1 block font-medium text-secondary-foreground">{t("startWith")}</span>
                <Select className="shadow-none" value={choice} onChange={(e) => setChoice(Number(e.target.value))}>
                  {options.map((o, i) => (
                    <option key={`${o.channelId}-${o.medium}`} value={i}>
                      {o.label}
                    </option>
                  ))}
                </Select>
              </label>
              <Button onClick={start} disabled={pending}>
                {pending ? t("opening") : t("open")}
              </Button>
            </div>
          )}
          {error && <Alert tone="error">{error}</Alert>}
          <StartEmail leadId={leadId} email={email} undeliverable={emailUndeliverable} mailboxes={mailboxes} />
        </div>
      )}
    </Card>
  );
}

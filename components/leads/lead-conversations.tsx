"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { api, ApiError } from "@/lib/client/api";
import { RelativeTime } from "./relative-time";

export type LeadConversationData = {
  id: string;
  medium: "sms" | "whatsapp";
  channelLabel: string;
  status: "open" | "pending" | "closed";
  lastMessageAt: string;
  lastMessagePreview: string;
  lastMessageDirection: "inbound" | "outbound" | null;
  unreadCount: number;
};
export type ChannelOption = { id: string; label: string; capabilities: string[]; active: boolean };

/** The lead's threads, each opening in the inbox, and a way to start one (e.g. a first SMS). */
export function LeadConversations({ leadId, hasPhone, conversations, channels, disabled }: {
  leadId: string;
  hasPhone: boolean;
  conversations: LeadConversationData[];
  channels: ChannelOption[];
  disabled: boolean;
}) {
  const t = useTranslations("leads.conversations");
  const router = useRouter();
  const options = channels
    .filter((c) => c.active)
    .flatMap((c) => (["sms", "whatsapp"] as const).filter((m) => c.capabilities.includes(m)).map((medium) => ({ channelId: c.id, medium, label: `${c.label} · ${medium === "sms" ? "SMS" : "WhatsApp"}` })));
  const [choice, setChoice] = useState(0);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start() {
    const option = options[choice];
    if (!option) return;
    setPending(true);
    setError(null);
    try {
      const { conversation } = await api<{ conversation: { id: string } }>("/api/v1/conversations", { method: "POST", body: { leadId, channelId: option.channelId, medium: option.medium } });
      router.push(`/inbox?c=${conversation.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t("error"));
      setPending(false);
    }
  }

  return (
    <Card title={t("title")}>
      {conversations.length === 0 ? (
        <p className="text-sm text-zinc-500">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {conversations.map((c) => (
            <li key={c.id}>
              <Link href={`/inbox?c=${c.id}`} className="flex items-center gap-3 py-2 hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
                <Badge className={c.medium === "whatsapp" ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300" : "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300"}>{c.medium === "whatsapp" ? "WhatsApp" : "SMS"}</Badge>
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm text-zinc-900 dark:text-zinc-100">
                    {c.lastMessageDirection === "outbound" ? `${t("you")}: ` : ""}
                    {c.lastMessagePreview || t("noMessages")}
                  </span>
                  <span className="block text-xs text-zinc-500">
                    {c.channelLabel} · {t(`status.${c.status}`)} · <RelativeTime date={c.lastMessageAt} />
                  </span>
                </span>
                {c.unreadCount > 0 && <Badge className="bg-red-600 text-white dark:bg-red-600 dark:text-white">{c.unreadCount}</Badge>}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {!disabled && (
        <div className="mt-4 border-t border-zinc-100 pt-4 dark:border-zinc-800">
          {!hasPhone ? (
            <p className="text-sm text-zinc-500">{t("needsPhone")}</p>
          ) : options.length === 0 ? (
            <p className="text-sm text-zinc-500">
              {t("noChannels")} <Link className="underline" href="/settings/channels">{t("setUpChannels")}</Link>
            </p>
          ) : (
            <div className="flex flex-wrap items-end gap-2">
              <label className="flex-1 text-sm">
                <span className="mb-1 block font-medium text-zinc-700 dark:text-zinc-300">{t("startWith")}</span>
                <select
                  className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
                  value={choice}
                  onChange={(e) => setChoice(Number(e.target.value))}
                >
                  {options.map((o, i) => (
                    <option key={`${o.channelId}-${o.medium}`} value={i}>{o.label}</option>
                  ))}
                </select>
              </label>
              <Button onClick={start} disabled={pending}>{pending ? t("opening") : t("open")}</Button>
            </div>
          )}
          {error && <Alert tone="error" className="mt-3">{error}</Alert>}
        </div>
      )}
    </Card>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { renderNotification } from "@/lib/notifications/render";
import { useHeatLineText } from "@/components/leads/use-heat-line-text";
import type { NotificationItem } from "./types";

/**
 * A notification's title and message in the reader's language and time zone, rendered from its
 * kind and parameters by the same function emails and push use (lib/notifications/render.ts).
 */
export function useNotificationText() {
  const t = useTranslations("notificationTexts");
  const heatLine = useHeatLineText();
  return useCallback(
    (item: Pick<NotificationItem, "kind" | "params">) => renderNotification(item.kind, item.params, t, heatLine),
    [t, heatLine],
  );
}

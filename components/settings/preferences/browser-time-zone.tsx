"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { api } from "@/lib/client/api";

/**
 * First sign-in: offers this browser's zone as the user's (stored only while they have none),
 * then re-renders so every time on the page is in it. Fire and forget: a failure changes nothing.
 */
export function BrowserTimeZone() {
  const router = useRouter();
  useEffect(() => {
    let zone: string | undefined;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
      return;
    }
    if (!zone) return;
    api<{ stored: boolean }>("/api/v1/preferences/time-zone", { method: "POST", body: { timeZone: zone } })
      .then(({ stored }) => {
        if (stored) router.refresh();
      })
      .catch(() => undefined);
  }, [router]);
  return null;
}

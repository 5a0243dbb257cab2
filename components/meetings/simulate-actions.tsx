"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import type { MeetingRow } from "./types";

type Action = "cancel" | "reschedule" | "no_show" | "no_show_cleared";

/** Sandbox only (admins): Calendly reports a change to this meeting through the real webhook pipeline. */
export function SimulateMeetingActions({ meeting, onDone }: { meeting: MeetingRow; onDone: () => void }) {
  const t = useTranslations("meetings");
  const describe = useErrorText();
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (meeting.provider !== "calendly") return null;
  const active = meeting.status === "scheduled" || meeting.status === "rescheduled";
  const actions: Action[] = meeting.noShow ? ["no_show_cleared"] : active ? ["reschedule", "cancel", "no_show"] : [];
  if (!actions.length) return null;

  const run = async (action: Action) => {
    setBusy(action);
    setError(null);
    try {
      await api(`/api/v1/meetings/${meeting.id}/simulate`, { body: { action } });
      onDone();
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label={t("simulateGroup")}>
      <span className="rounded bg-warning-muted px-1.5 py-0.5 text-[10px] font-semibold tracking-wide text-warning-muted-foreground uppercase">
        {t("sandbox")}
      </span>
      {actions.map((action) => (
        <Button
          key={action}
          size="sm"
          variant="ghost"
          loading={busy === action}
          disabled={busy !== null}
          onClick={() => run(action)}
        >
          {t(`simulate.${action}`)}
        </Button>
      ))}
      {error && (
        <span role="alert" className="text-xs text-danger-text">
          {error}
        </span>
      )}
    </div>
  );
}

"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTimeZone, useTranslations } from "next-intl";
import { useState } from "react";
import { leadKeys } from "@/components/leads/keys";
import { meetingKeys } from "@/components/meetings/keys";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DirectionalArrow } from "@/components/ui/directional-icon";
import { Form, SubmitButton } from "@/components/ui/form";
import { TextField } from "@/components/ui/field";
import { api, ApiError } from "@/lib/client/api";
import { fromDateTimeInput } from "@/lib/client/zoned-time";

type LeadOption = { id: string; name: string; email: string | null };

/** Sandbox: "Calendly" books a meeting for a lead (or a new email) through the real webhook pipeline. */
export function SimulateBookingDialog({ onSimulated }: { onSimulated: (text: string) => void }) {
  const t = useTranslations("integrations");
  const timeZone = useTimeZone() ?? "UTC";
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const [lead, setLead] = useState<LeadOption | null>(null);
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [title, setTitle] = useState("Intro call");
  const [startsAt, setStartsAt] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [done, setDone] = useState<string | null>(null);

  const search = useQuery({
    queryKey: leadKeys.search(q),
    queryFn: () => api<{ leads: LeadOption[] }>(`/api/v1/leads?limit=6&q=${encodeURIComponent(q)}`),
    enabled: open && q.trim().length >= 2 && !lead,
  });

  const reset = () => {
    setQ("");
    setLead(null);
    setEmail("");
    setName("");
    setError(null);
    setErrors({});
    setDone(null);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      await api("/api/v1/integrations/calendly/simulate", {
        body: {
          ...(lead ? { leadId: lead.id } : { email, ...(name.trim() ? { name } : {}) }),
          title,
          // The input's wall-clock time means the user's own zone (their preference), not the browser's.
          ...(startsAt ? { startsAt: fromDateTimeInput(startsAt, timeZone)?.toISOString() ?? startsAt } : {}),
        },
      });
      const who = lead?.name ?? email;
      setDone(lead?.id ?? null);
      onSimulated(t("simulated", { who }));
      void queryClient.invalidateQueries({ queryKey: meetingKeys.all });
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(e.problem.errors ?? {});
        setError(e.message);
      } else setError(String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
      trigger={<Button variant="secondary">{t("simulateBooking")}</Button>}
      title={t("simulateTitle")}
      description={t("simulateDescription")}
    >
      <Form onSubmit={submit} className="space-y-4" data-testid="simulate-booking-form">
        {lead ? (
          <div className="flex items-center justify-between rounded-md border border-border-strong px-3 py-2 text-sm">
            <span>
              <span className="font-medium">{lead.name}</span>{" "}
              <span className="text-subtle-foreground">{lead.email}</span>
            </span>
            <Button size="sm" variant="ghost" onClick={() => setLead(null)}>
              {t("change")}
            </Button>
          </div>
        ) : (
          <div className="space-y-2">
            <TextField
              label={t("findLead")}
              value={q}
              onChange={(e) => setQ(e.target.value)}
              placeholder={t("findLeadPlaceholder")}
              autoComplete="off"
              error={errors.leadId?.[0]}
            />
            {search.data && search.data.leads.length > 0 && (
              <ul
                className="max-h-48 divide-y divide-border overflow-y-auto rounded-md border border-border"
                aria-label={t("matchingLeads")}
              >
                {search.data.leads.map((option) => (
                  <li key={option.id}>
                    <button
                      type="button"
                      disabled={!option.email}
                      onClick={() => setLead(option)}
                      className="flex w-full justify-between gap-2 px-3 py-2 text-start text-sm hover:bg-surface-hover disabled:cursor-not-allowed disabled:opacity-50"
                    >
                      <span className="font-medium">{option.name}</span>
                      <span className="truncate text-subtle-foreground">{option.email ?? t("noEmail")}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <p className="text-xs text-subtle-foreground">{t("orNewEmail")}</p>
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField
                label={t("email")}
                type="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                error={errors.email?.[0]}
                autoComplete="off"
              />
              <TextField label={t("name")} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
            </div>
          </div>
        )}
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label={t("meetingTitle")}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            error={errors.title?.[0]}
          />
          <TextField
            label={t("startsAt")}
            type="datetime-local"
            value={startsAt}
            onChange={(e) => setStartsAt(e.target.value)}
            hint={t("startsAtHint")}
            error={errors.startsAt?.[0]}
          />
        </div>
        {error && <Alert tone="error">{error}</Alert>}
        {done !== null && (
          <Alert tone="success" className="flex flex-wrap items-center justify-between gap-2">
            <span>{t("simulatedShort")}</span>
            <span className="flex gap-3">
              {done && (
                <Link href={`/leads/${done}`} className="font-medium underline underline-offset-2">
                  {t("openLead")} <DirectionalArrow to="forward" />
                </Link>
              )}
              <Link href="/meetings" className="font-medium underline underline-offset-2">
                {t("openMeetings")} <DirectionalArrow to="forward" />
              </Link>
            </span>
          </Alert>
        )}
        <div className="flex justify-end gap-2">
          <SubmitButton loading={busy}>{t("simulateSubmit")}</SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}

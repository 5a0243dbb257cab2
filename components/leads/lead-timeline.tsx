"use client";

import { useTranslations } from "next-intl";
import { Direction } from "radix-ui";
import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { isolatingValues, UserText } from "@/components/ui/bidi";
import { Button } from "@/components/ui/button";
import { Form, SubmitButton } from "@/components/ui/form";
import { cn } from "@/components/ui/cn";
import { Textarea } from "@/components/ui/input";
import { EmptyState } from "@/components/ui/states";
import { QueryErrorState } from "@/components/ui/query-error-state";
import { Spinner } from "@/components/ui/spinner";
import { api } from "@/lib/client/api";
import { useApiForm } from "@/lib/client/use-api-form";
import type { Translate } from "@/lib/i18n/translate";
import { renderLeadEventReason } from "@/lib/leads/reasons";
import { useHeatLineText } from "./use-heat-line-text";
import { noteSchema } from "@/lib/leads/schema";
import { useLeadTimeline } from "./hooks";
import { RelativeTime } from "./relative-time";
import type { EventsPage, LeadEventRow } from "./types";

const PAGE = 30;

/** An icon (24×24 stroke path) and a tint per event type; unknown types fall back to a dot. */
const EVENT_STYLE: Record<string, { path: string; tone: string }> = {
  created: { path: "M12 5v14M5 12h14", tone: "bg-success-muted text-success-muted-foreground" },
  imported: { path: "M12 16V4m0 0-4 4m4-4 4 4M4 20h16", tone: "bg-success-muted text-success-muted-foreground" },
  updated: { path: "M4 20h4L19 9l-4-4L4 16v4z", tone: "bg-muted text-foreground-soft" },
  status_changed: { path: "M7 7h11l-3-3M17 17H6l3 3", tone: "bg-info-muted text-info-muted-foreground" },
  owner_changed: {
    path: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 9a7 7 0 0 1 14 0",
    tone: "bg-ai-muted text-ai-muted-foreground",
  },
  bant_changed: {
    path: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zm0-5a4 4 0 1 0 0-8 4 4 0 0 0 0 8z",
    tone: "bg-success-muted text-success-muted-foreground",
  },
  bant_qualified: { path: "m5 12 5 5 9-11", tone: "bg-success text-success-foreground" },
  heat_changed: {
    path: "M12 3c1 4 5 5 5 10a5 5 0 0 1-10 0c0-2 1-4 2-5 0 2 1 3 2 3 0-3-1-5 1-8z",
    tone: "bg-primary-muted text-primary-muted-foreground",
  },
  heat_override: { path: "M9 4h6l-1 6 3 3H7l3-3-1-6zM12 13v7", tone: "bg-warning-muted text-warning-muted-foreground" },
  note: { path: "M5 4h14v12l-4 4H5zM15 20v-4h4M8 9h8M8 13h5", tone: "bg-warning-muted text-warning-muted-foreground" },
  signal: { path: "M13 3 5 14h6l-1 7 8-11h-6z", tone: "bg-info-muted text-info-muted-foreground" },
  deleted: {
    path: "M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3",
    tone: "bg-danger-muted text-danger-muted-foreground",
  },
  restored: { path: "M4 12a8 8 0 1 0 3-6.3M4 4v5h5", tone: "bg-success-muted text-success-muted-foreground" },
};
const FALLBACK = { path: "M12 14a2 2 0 1 0 0-4 2 2 0 0 0 0 4z", tone: "bg-muted text-foreground-soft" };

export function LeadTimeline({ leadId, initialEvents }: { leadId: string; initialEvents: EventsPage }) {
  const t = useTranslations("leads");
  const tc = useTranslations("common");
  const events = useLeadTimeline(leadId, initialEvents, PAGE);
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = events;
  useEffect(() => {
    const node = sentinel.current;
    if (!node || !hasNextPage) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: "200px" },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const rows = events.items;
  if (events.isError && !rows.length) {
    return <QueryErrorState query={events} />;
  }
  if (!rows.length) return <EmptyState title={t("timelineEmpty")} />;
  return (
    <div>
      <ol className="relative space-y-4 border-s border-border ps-5" data-testid="timeline" aria-label={t("timeline")}>
        {rows.map((event) => (
          <TimelineItem key={event.id} event={event} />
        ))}
      </ol>
      <div ref={sentinel} className="mt-4 flex justify-center">
        {isFetchingNextPage ? (
          <Spinner className="size-4" label={tc("loading")} />
        ) : hasNextPage ? (
          <Button size="sm" variant="ghost" onClick={() => fetchNextPage()}>
            {t("loadOlder")}
          </Button>
        ) : (
          <p className="text-xs text-faint-foreground">{t("timelineEnd")}</p>
        )}
      </div>
    </div>
  );
}

function TimelineItem({ event }: { event: LeadEventRow }) {
  const t = useTranslations("leads");
  const tr = useTranslations("timelineReasons");
  const fieldLabel = useTranslations("leads.fields");
  const heatLine = useHeatLineText();
  const dir = Direction.useDirection();
  // Rendered here in the reader's language and zone; a note or an override's reason is shown as typed.
  const reason = renderLeadEventReason(
    event.reasonKey,
    event.reasonParams,
    event.reason,
    isolatingValues(tr as unknown as Translate, dir),
    heatLine,
    fieldLabel as unknown as Translate,
  );
  const style = EVENT_STYLE[event.type] ?? FALLBACK;
  const evidence = (event.evidence && typeof event.evidence === "object" ? event.evidence : null) as {
    text?: string;
    by?: string;
  } | null;
  const dimension =
    event.type === "bant_changed" && typeof event.data.dimension === "string" ? event.data.dimension : null;
  const actor = event.actorName ?? (event.actorType === "system" ? t("actor.system") : t(`actor.${event.actorType}`));
  const title = t.has(`events.${event.type}`) ? t(`events.${event.type}`) : event.type;
  return (
    <li className="relative" data-testid="timeline-event" data-type={event.type}>
      <span
        aria-hidden
        className={cn(
          "absolute -start-[2.1rem] flex size-7 items-center justify-center rounded-full text-xs ring-4 ring-surface",
          style.tone,
        )}
      >
        <svg
          viewBox="0 0 24 24"
          className="size-4"
          fill="none"
          stroke="currentColor"
          strokeWidth={2}
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d={style.path} />
        </svg>
      </span>
      <p className="text-sm">
        <span className="font-medium">
          {dimension && t.has(`bant.${dimension}`) ? `${title}: ${t(`bant.${dimension}`)}` : title}
        </span>
        <span className="text-subtle-foreground">
          {" · "}
          {actor}
          {" · "}
          <RelativeTime date={event.createdAt} />
        </span>
      </p>
      {reason && (
        <p
          className={cn(
            "mt-1 text-sm whitespace-pre-line text-secondary-foreground",
            event.type === "note" && "rounded-md bg-warning-surface/60 p-2",
          )}
          // A note is shown as typed, in its own direction; other reasons are rendered in the reader's language.
          dir={event.type === "note" ? "auto" : undefined}
        >
          {reason}
        </p>
      )}
      {evidence && (evidence.text || evidence.by) && (
        <p className="mt-1 border-s-2 border-border-strong ps-2 text-xs text-muted-foreground">
          {evidence.text && (
            <q className="italic">
              <UserText>{evidence.text}</UserText>
            </q>
          )}{" "}
          {evidence.by && <span>— {evidence.by}</span>}
        </p>
      )}
    </li>
  );
}

export function NoteComposer({ leadId, onAdded }: { leadId: string; onAdded: () => Promise<void> }) {
  const t = useTranslations("leads");
  const { form, submit, formError } = useApiForm(noteSchema, { defaultValues: { text: "" } });
  const { errors, isSubmitting } = form.formState;
  return (
    <Form
      className="mb-5 space-y-2"
      onSubmit={submit(async (values) => {
        await api(`/api/v1/leads/${leadId}/notes`, { body: values });
        form.reset();
        await onAdded();
      })}
    >
      <label htmlFor="note-text" className="block text-sm font-medium">
        {t("addNote")}
      </label>
      <Textarea
        id="note-text"
        rows={3}
        maxLength={2000}
        invalid={!!errors.text}
        placeholder={t("notePlaceholder")}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit();
        }}
        {...form.register("text")}
      />
      {errors.text && (
        <p role="alert" className="text-sm text-danger-text">
          {errors.text.message}
        </p>
      )}
      {formError && <Alert tone="error">{formError}</Alert>}
      <div className="flex justify-end">
        <SubmitButton size="sm" loading={isSubmitting}>
          {t("saveNote")}
        </SubmitButton>
      </div>
    </Form>
  );
}

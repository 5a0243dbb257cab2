"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import { hardNavigate } from "@/lib/client/hard-navigate";
import { continueHref, type SessionStateAnswer } from "@/lib/session-state/schema";

type Offer = NonNullable<SessionStateAnswer["offer"]>;

/**
 * "Continue where you left off on your other device?" — shown, without blocking anything, when
 * this browser has no session state of its own but another device of the user has. The (app)
 * layout reads the offer on the server (`continueOffer`, lib/session-state/restore.ts) and renders
 * it with the page. Continue copies that state to this device (so later visits restore it
 * silently), switches to its organization and opens the page the user was on; Dismiss starts
 * this device afresh.
 */
export function ContinueBanner({ offer, currentOrgId }: { offer: Offer; currentOrgId: string }) {
  const t = useTranslations("sessionState");
  const [dismissed, setDismissed] = useState(false);
  const [busy, setBusy] = useState(false);

  if (dismissed) return null;

  const accept = async () => {
    setBusy(true);
    const context = offer.currentContext;
    try {
      await api("/api/v1/session-state", {
        method: "PUT",
        body: { currentContext: context, uiState: offer.uiState },
      });
      if (context.orgId && context.orgId !== currentOrgId) {
        await api("/api/v1/session/organization", { method: "PUT", body: { orgId: context.orgId } });
      }
      hardNavigate(continueHref(context) ?? window.location.pathname);
    } catch {
      // Continuing is a convenience: on failure the user simply carries on from here.
      setDismissed(true);
    }
  };
  const dismiss = () => {
    setDismissed(true);
    // An empty state for this device: no offer next time, and the page views start saving here.
    void api("/api/v1/session-state", { method: "PUT", body: { currentContext: {} } }).catch(() => undefined);
  };

  return (
    <section
      aria-label={t("region")}
      data-testid="continue-banner"
      // Floats in the bottom start corner, over the sidebar's empty end, rather than pushing the
      // page down: the page's own controls stay where they are, with or without the offer.
      className="fixed bottom-4 start-4 z-40 flex w-[calc(100vw-2rem)] md:w-56 flex-wrap items-center justify-between gap-3 rounded-lg border border-border bg-surface px-4 py-3 text-sm shadow-lg"
    >
      <p role="status">{t("offer")}</p>
      <div className="flex gap-2">
        <Button size="sm" onClick={accept} loading={busy}>
          {t("continue")}
        </Button>
        <Button size="sm" variant="ghost" onClick={dismiss} disabled={busy}>
          {t("dismiss")}
        </Button>
      </div>
    </section>
  );
}

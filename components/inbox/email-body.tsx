"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { UserText } from "@/components/ui/bidi";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { EmailDisplay } from "@/lib/email/frame";
import { splitPlainTextQuote } from "@/lib/email/quote";

/** The frame's height before "show all": a screenful of a message, the rest scrolls inside. */
const COLLAPSED_MAX = 480;
/** "Show all" grows the frame to the estimate, up to this; longer mails still scroll inside. */
const EXPANDED_MAX = 4000;
const MIN_HEIGHT = 72;

/**
 * An email's body. HTML is sanitized (lib/email/sanitize.ts) and shown in a sandboxed frame that
 * may open links in a new tab and nothing else: no scripts, an opaque origin (no cookies, no
 * access to Kiln), and a Content-Security-Policy that lets images come only from inline
 * attachments until the reader chooses "show images" for this message. Quoted history comes
 * collapsed. Without HTML the plain text is shown, its quote folded the same way.
 *
 * The frame loads its document from app/api/v1/messages/[id]/email/frame, which sanitizes on the
 * server and sends the policy as a header: a `srcdoc` frame would also inherit this page's policy,
 * which keeps the web's images out of every Kiln page. The count of blocked images and the height
 * estimates come from the server too (`display`), so the raw HTML is never parsed here.
 *
 * Height: a script-free frame of another origin cannot be measured from here (no
 * `contentDocument`, no postMessage without scripts), so the frame takes a height estimated from
 * the sanitized markup on the server (lib/email/frame.ts), capped at COLLAPSED_MAX with scrolling inside it;
 * "show all" lifts the cap to the estimate, and the reader can drag the frame's bottom edge.
 */
export function EmailBody({
  messageId,
  display,
  text,
  className,
}: {
  /** The choice to show images is kept for this message only. */
  messageId: string;
  /** How to frame the HTML (GET /api/v1/messages/<id>/email); null for a text-only email. */
  display: EmailDisplay | null;
  text: string | null;
  className?: string;
}) {
  const t = useTranslations("inbox.email");
  const [imagesAllowedFor, setImagesAllowedFor] = useState<string | null>(null);
  const [expandedFor, setExpandedFor] = useState<string | null>(null);
  const allowRemoteImages = imagesAllowedFor === messageId;
  const expanded = expandedFor === messageId;
  const frame = display && {
    blockedImages: allowRemoteImages ? 0 : display.blockedImages,
    estimate: allowRemoteImages ? display.height.imagesShown : display.height.imagesBlocked,
  };
  const src = `/api/v1/messages/${encodeURIComponent(messageId)}/email/frame?images=${allowRemoteImages ? 1 : 0}`;

  if (!frame) return <PlainTextBody text={text} className={className} />;

  const tall = frame.estimate > COLLAPSED_MAX;
  const height = Math.max(MIN_HEIGHT, Math.min(frame.estimate, expanded ? EXPANDED_MAX : COLLAPSED_MAX));
  return (
    <div className={cn("flex flex-col gap-2", className)} data-testid="email-body">
      {frame.blockedImages > 0 && (
        <div
          className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-border bg-surface-muted px-3 py-1.5 text-xs text-muted-foreground"
          data-testid="email-images-blocked"
        >
          <span>{t("imagesBlocked", { count: frame.blockedImages })}</span>
          <Button size="xs" variant="secondary" onClick={() => setImagesAllowedFor(messageId)}>
            {t("showImages")}
          </Button>
        </div>
      )}
      <div
        className="resize-y overflow-hidden rounded-md border border-border bg-surface"
        style={{ height }}
        data-testid="email-frame-box"
      >
        <iframe
          title={t("frameTitle")}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          referrerPolicy="no-referrer"
          src={src}
          className="block size-full"
          data-testid="email-frame"
        />
      </div>
      {tall && (
        <Button
          size="xs"
          variant="link"
          className="self-start"
          aria-expanded={expanded}
          onClick={() => setExpandedFor(expanded ? null : messageId)}
        >
          {expanded ? t("showLess") : t("showAll")}
        </Button>
      )}
    </div>
  );
}

/** A text-only email: the reader's text in its own direction, the quoted part folded away. */
function PlainTextBody({ text, className }: { text: string | null; className?: string }) {
  const t = useTranslations("inbox.email");
  if (!text?.trim())
    return (
      <p className={cn("text-sm text-subtle-foreground italic", className)} data-testid="email-body">
        {t("empty")}
      </p>
    );
  const { body, quote } = splitPlainTextQuote(text);
  return (
    <div className={cn("text-sm text-foreground", className)} data-testid="email-body">
      <UserText className="block whitespace-pre-wrap break-words">{body}</UserText>
      {quote && (
        <details className="mt-2">
          <summary className="inline-block cursor-pointer list-none rounded-full border border-border-strong px-2 text-xs text-muted-foreground hover:bg-surface-hover">
            {t("showQuoted")}
          </summary>
          <UserText className="mt-2 block whitespace-pre-wrap break-words border-s-2 border-border-strong ps-3 text-muted-foreground">
            {quote}
          </UserText>
        </details>
      )}
    </div>
  );
}

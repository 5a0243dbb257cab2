import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

const STYLES = {
  sms: "bg-info-surface text-info-muted-foreground ring-info-border",
  whatsapp: "bg-success-surface text-success-muted-foreground ring-success-border",
  email: "bg-primary-surface text-primary-muted-foreground ring-primary-border",
} as const;

/**
 * "SMS", "WhatsApp" or "Email", coloured so the two stand apart in a long list; `iconOnly` (one-line rows)
 * keeps the name for screen readers and as a tooltip.
 */
export function ChannelBadge({
  medium,
  className,
  iconOnly = false,
}: {
  medium: "sms" | "whatsapp" | "email";
  className?: string;
  iconOnly?: boolean;
}) {
  const t = useTranslations("inbox");
  const label = t(`medium.${medium}`);
  return (
    <span
      data-testid="channel-badge"
      title={iconOnly ? label : undefined}
      className={cn(
        "inline-flex shrink-0 items-center gap-1 rounded-full py-px text-[11px] font-semibold ring-1 ring-inset",
        iconOnly ? "px-1" : "px-1.5",
        STYLES[medium],
        className,
      )}
    >
      <svg aria-hidden viewBox="0 0 24 24" className="size-3" fill="currentColor">
        {medium === "whatsapp" ? (
          <path d="M12 2a10 10 0 0 0-8.6 15.1L2 22l5-1.3A10 10 0 1 0 12 2zm5.3 14.1c-.2.6-1.3 1.2-1.8 1.2-.5.1-1 .1-3.2-.8-2.7-1.1-4.4-3.9-4.5-4.1-.1-.2-1.1-1.5-1.1-2.8s.7-2 1-2.3c.2-.3.5-.3.7-.3h.5c.2 0 .4 0 .6.5l.8 2c.1.2.1.3 0 .5l-.4.6c-.1.2-.3.3-.1.6.2.3.7 1.2 1.6 2 1.1 1 2 1.3 2.3 1.4.3.1.4.1.6-.1l.8-1c.2-.3.4-.2.6-.1l1.9.9c.3.1.5.2.5.3.1.1.1.7-.1 1.3z" />
        ) : medium === "email" ? (
          <path d="M3 5h18a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zm1 2.2V17h16V7.2l-8 5.3-8-5.3zM5.3 7l6.7 4.4L18.7 7H5.3z" />
        ) : (
          <path d="M4 4h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H8l-4 3.5V17a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" />
        )}
      </svg>
      {iconOnly ? <span className="sr-only">{label}</span> : label}
    </span>
  );
}

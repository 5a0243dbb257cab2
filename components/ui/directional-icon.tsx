import { cn } from "./cn";

/**
 * Icons that point along the reading direction ("back", "next", "more", send) turn around in a
 * right-to-left page; icons that do not point (a tick, a bell, "↓ new messages", "↗ opens
 * elsewhere") stay as drawn. `mirrorInRtl` flips any icon element; arrows in text are not
 * mirrored by the bidi algorithm (unlike brackets), so they need it too.
 */
export const mirrorInRtl = "inline-block rtl:-scale-x-100";

/** "←" back / "→" forward in English; the same arrows flipped in Hebrew. Decorative: the text beside it names the action. */
export function DirectionalArrow({ to, className }: { to: "back" | "forward"; className?: string }) {
  return (
    <span aria-hidden className={cn(mirrorInRtl, className)}>
      {to === "back" ? "←" : "→"}
    </span>
  );
}

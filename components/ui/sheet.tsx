"use client";

import { Dialog as Primitive } from "radix-ui";
import type { ReactNode } from "react";
import { cn } from "./cn";
import { overlay, type ModalProps } from "./dialog";

/**
 * A panel that slides over from the start or end edge (navigation on small screens, side forms),
 * with the same focus and Escape behaviour as Dialog. The title row carries the close button.
 */
export function Sheet({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  descriptionHidden = false,
  closeButton,
  side = "start",
  className,
  overlayClassName,
  children,
  ...props
}: ModalProps & {
  side?: "start" | "end";
  descriptionHidden?: boolean;
  /** Rendered beside the title inside a Close (an icon button with an accessible name). */
  closeButton?: ReactNode;
  overlayClassName?: string;
}) {
  return (
    <Primitive.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <Primitive.Trigger asChild>{trigger}</Primitive.Trigger>}
      <Primitive.Portal>
        <Primitive.Overlay className={cn(overlay, overlayClassName)} />
        <Primitive.Content
          className={cn(
            "fixed inset-y-0 z-50 w-72 space-y-4 overflow-y-auto bg-surface p-4 text-foreground shadow-xl",
            side === "start" ? "start-0" : "end-0",
            className,
          )}
          {...props}
        >
          <div className="flex items-center justify-between">
            <Primitive.Title className="text-sm font-semibold">{title}</Primitive.Title>
            {closeButton && <Primitive.Close asChild>{closeButton}</Primitive.Close>}
          </div>
          <Primitive.Description className={descriptionHidden ? "sr-only" : "text-sm text-muted-foreground"}>
            {description}
          </Primitive.Description>
          {children}
        </Primitive.Content>
      </Primitive.Portal>
    </Primitive.Root>
  );
}

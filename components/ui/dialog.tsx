"use client";

import { Dialog as Primitive } from "radix-ui";
import { useRef, type ComponentPropsWithoutRef, type ReactNode } from "react";
import { Button } from "./button";
import { cn } from "./cn";

/** The dimmed backdrop behind a Dialog or Sheet. */
export const overlay = "fixed inset-0 z-40 bg-black/40";

const SIZES = {
  sm: "w-[min(28rem,calc(100vw-2rem))]",
  md: "w-[min(32rem,calc(100vw-2rem))]",
  lg: "w-[min(44rem,calc(100vw-2rem))]",
} as const;

/** What a Dialog and a Sheet take besides their own options. */
export type ModalProps = {
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** The element that opens it (rendered as is, through Radix's asChild). */
  trigger?: ReactNode;
  title: ReactNode;
  description: ReactNode;
  children?: ReactNode;
} & Omit<ComponentPropsWithoutRef<typeof Primitive.Content>, "title" | "children">;

/**
 * A centred modal: focus trapped and restored, Escape and the overlay close it, the title and
 * description name it for screen readers. The one modal shell of the app. Radix returns focus to
 * its Trigger; a dialog opened without one (a shortcut, a row's button) returns it to whatever
 * had focus when it opened.
 */
export function Dialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  size = "md",
  className,
  children,
  onOpenAutoFocus,
  onCloseAutoFocus,
  ...props
}: ModalProps & { size?: keyof typeof SIZES }) {
  const openedFrom = useRef<HTMLElement | null>(null);
  return (
    <Primitive.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <Primitive.Trigger asChild>{trigger}</Primitive.Trigger>}
      <Primitive.Portal>
        <Primitive.Overlay className={overlay} />
        <Primitive.Content
          className={cn(
            "fixed inset-x-0 top-1/2 z-50 mx-auto max-h-[calc(100dvh-2rem)] -translate-y-1/2 overflow-y-auto rounded-lg bg-surface p-5 text-foreground shadow-xl",
            SIZES[size],
            className,
          )}
          {...props}
          onOpenAutoFocus={(event) => {
            openedFrom.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
            onOpenAutoFocus?.(event);
          }}
          onCloseAutoFocus={(event) => {
            onCloseAutoFocus?.(event);
            if (trigger || event.defaultPrevented || !openedFrom.current?.isConnected) return;
            event.preventDefault();
            openedFrom.current.focus();
          }}
        >
          <Primitive.Title className="text-base font-semibold">{title}</Primitive.Title>
          <Primitive.Description className="mt-1 text-sm text-muted-foreground">{description}</Primitive.Description>
          {children && <div className="mt-4">{children}</div>}
        </Primitive.Content>
      </Primitive.Portal>
    </Primitive.Root>
  );
}

/** Closes the surrounding Dialog or Sheet; wraps its child (asChild). */
export function DialogClose({ children }: { children: ReactNode }) {
  return <Primitive.Close asChild>{children}</Primitive.Close>;
}

/** A dialog's closing row: a cancel button that closes it, then the dialog's own action(s), at the end. */
export function DialogActions({
  cancelLabel,
  className,
  children,
}: {
  cancelLabel: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cn("flex justify-end gap-2", className)}>
      <DialogClose>
        <Button type="button" variant="secondary">
          {cancelLabel}
        </Button>
      </DialogClose>
      {children}
    </div>
  );
}

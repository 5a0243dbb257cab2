"use client";

import { DropdownMenu } from "radix-ui";
import { forwardRef, type ComponentProps, type ReactNode } from "react";
import { cn } from "./cn";
import { controlVariants } from "./input";

/**
 * Dropdown menus (Radix: keyboard, focus and typeahead handled): one panel, one item look, and
 * checkbox/radio items with their indicator, so no screen re-types a menu shell.
 */
export const Menu = DropdownMenu.Root;
export const MenuTrigger = DropdownMenu.Trigger;
export const MenuRadioGroup = DropdownMenu.RadioGroup;

const item =
  "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-muted data-[disabled]:cursor-default data-[disabled]:opacity-60";

export function MenuContent({
  className,
  align = "start",
  sideOffset = 4,
  ...props
}: ComponentProps<typeof DropdownMenu.Content>) {
  return (
    <DropdownMenu.Portal>
      <DropdownMenu.Content
        align={align}
        sideOffset={sideOffset}
        className={cn("z-50 min-w-44 rounded-md border border-border bg-surface p-1 shadow-lg", className)}
        {...props}
      />
    </DropdownMenu.Portal>
  );
}

export function MenuItem({ className, ...props }: ComponentProps<typeof DropdownMenu.Item>) {
  return <DropdownMenu.Item className={cn(item, className)} {...props} />;
}

export function MenuSeparator() {
  return <DropdownMenu.Separator className="my-1 h-px bg-border" />;
}

export function MenuLabel({ className, ...props }: ComponentProps<typeof DropdownMenu.Label>) {
  return <DropdownMenu.Label className={cn("px-2 pt-2 text-xs text-subtle-foreground", className)} {...props} />;
}

/** A toggle that keeps the menu open, with a tick box before its content. */
export function MenuCheckboxItem({ className, children, ...props }: ComponentProps<typeof DropdownMenu.CheckboxItem>) {
  return (
    <DropdownMenu.CheckboxItem onSelect={(event) => event.preventDefault()} className={cn(item, className)} {...props}>
      <span
        aria-hidden
        className="inline-flex size-4 items-center justify-center rounded border border-border-control text-[10px]"
      >
        <DropdownMenu.ItemIndicator>✓</DropdownMenu.ItemIndicator>
      </span>
      {children}
    </DropdownMenu.CheckboxItem>
  );
}

/** One choice of a MenuRadioGroup; `indicator` is what marks the chosen one (a tick by default). */
export function MenuRadioItem({
  className,
  children,
  indicator = "✓",
  ...props
}: ComponentProps<typeof DropdownMenu.RadioItem> & { indicator?: ReactNode }) {
  return (
    <DropdownMenu.RadioItem className={cn(item, className)} {...props}>
      {children}
      <DropdownMenu.ItemIndicator className="ms-auto text-primary-text">{indicator}</DropdownMenu.ItemIndicator>
    </DropdownMenu.RadioItem>
  );
}

/**
 * The trigger of a filter menu (use inside `<MenuTrigger asChild>`): a small control showing what
 * is chosen, highlighted while anything is.
 */
export const MenuFilterButton = forwardRef<
  HTMLButtonElement,
  ComponentProps<"button"> & { label: string; active: boolean }
>(function MenuFilterButton({ label, active, className, ...props }, ref) {
  return (
    <button
      ref={ref}
      type="button"
      className={cn(
        controlVariants({ size: "sm" }),
        "flex min-w-0 items-center justify-between gap-1 text-start",
        active && "border-primary-border bg-primary-surface text-primary-muted-foreground",
        className,
      )}
      {...props}
    >
      <span className="truncate">{label}</span>
      <svg
        aria-hidden
        viewBox="0 0 24 24"
        className="size-4 shrink-0 opacity-60"
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
      >
        <path d="m7 10 5 5 5-5" />
      </svg>
    </button>
  );
});

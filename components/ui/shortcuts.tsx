"use client";

import { Button } from "./button";
import { Dialog, DialogClose } from "./dialog";

/** One row of a shortcut list: the keys (any of them does it) and what they do, both already translated. */
export type Shortcut = { keys: string[]; label: string };

/** A key hint; inside a button it is decorative (the button's name stays "Approve and send"). */
export function Kbd({ children, decorative = true }: { children: string; decorative?: boolean }) {
  return (
    <kbd
      aria-hidden={decorative || undefined}
      className="rounded border border-current/30 px-1 font-mono text-[10px] leading-4"
    >
      {children}
    </kbd>
  );
}

/**
 * The footer under a list that answers to keys: the most used ones and a button that opens the
 * full list (for people who never guess `?`). Shown only while the user's shortcuts are on.
 */
export function ShortcutLegend({
  title,
  keys,
  helpLabel,
  onShowAll,
}: {
  title: string;
  keys: [key: string, label: string][];
  helpLabel: string;
  onShowAll: () => void;
}) {
  return (
    <footer
      className="hidden border-t border-border px-3 py-2 text-[11px] text-subtle-foreground md:block"
      aria-label={title}
      data-testid="shortcut-legend"
    >
      <span className="me-2 font-semibold">{title}</span>
      {keys.map(([key, label]) => (
        <span key={key} className="me-2 inline-flex items-center gap-1 whitespace-nowrap">
          <Kbd decorative={false}>{key}</Kbd>
          {label}
        </span>
      ))}
      <button
        type="button"
        onClick={onShowAll}
        className="inline-flex items-center gap-1 underline"
        data-testid="shortcuts-help-open"
      >
        <Kbd decorative={false}>?</Kbd>
        {helpLabel}
      </button>
    </footer>
  );
}

/** Every key a page answers to, in a dialog opened by `?` or the legend's button (focus trapped and returned by Radix). */
export function ShortcutsDialog({
  open,
  onOpenChange,
  title,
  description,
  closeLabel,
  shortcuts,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: string;
  closeLabel: string;
  shortcuts: Shortcut[];
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={title}
      description={description}
      data-testid="shortcuts-help"
    >
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {shortcuts.map((shortcut) => (
          <div key={shortcut.label} className="contents">
            <dt className="flex flex-wrap gap-1">
              {shortcut.keys.map((key) => (
                <kbd key={key} className="rounded border border-border-strong bg-muted px-1.5 font-mono text-xs">
                  {key}
                </kbd>
              ))}
            </dt>
            <dd>{shortcut.label}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-4 flex justify-end">
        <DialogClose>
          <Button variant="secondary">{closeLabel}</Button>
        </DialogClose>
      </div>
    </Dialog>
  );
}

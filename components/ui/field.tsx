import { forwardRef, useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";
import { cn } from "./cn";

const control =
  "block w-full rounded-md border bg-white px-3 py-2 text-sm text-zinc-900 shadow-xs placeholder:text-zinc-400 focus:outline-2 focus:outline-offset-0 focus:outline-orange-500 dark:bg-zinc-900 dark:text-zinc-100";

type FieldShell = { label: string; error?: string; hint?: ReactNode };

/** A labelled input whose error is announced and tied to it with aria-describedby. */
export const TextField = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement> & FieldShell>(function TextField(
  { label, error, hint, className, id, ...props },
  ref,
) {
  const generated = useId();
  const inputId = id ?? generated;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={inputId} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      <input
        ref={ref}
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : hint ? `${inputId}-hint` : undefined}
        className={cn(control, error ? "border-red-500" : "border-zinc-300 dark:border-zinc-700")}
        {...props}
      />
      {error ? (
        <p id={`${inputId}-error`} role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p id={`${inputId}-hint`} className="text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
});

export const SelectField = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement> & FieldShell & { hideLabel?: boolean }>(
  function SelectField({ label, error, hint, hideLabel, className, id, children, ...props }, ref) {
    const generated = useId();
    const selectId = id ?? generated;
    return (
      <div className={cn("space-y-1", className)}>
        <label htmlFor={selectId} className={hideLabel ? "sr-only" : "block text-sm font-medium text-zinc-800 dark:text-zinc-200"}>
          {label}
        </label>
        <select
          ref={ref}
          id={selectId}
          aria-invalid={error ? true : undefined}
          className={cn(control, "pr-8", error ? "border-red-500" : "border-zinc-300 dark:border-zinc-700")}
          {...props}
        >
          {children}
        </select>
        {error && (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {error}
          </p>
        )}
        {!error && hint && <p className="text-xs text-zinc-500">{hint}</p>}
      </div>
    );
  },
);

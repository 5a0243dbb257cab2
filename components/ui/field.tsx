import { forwardRef, useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";
import { cn } from "./cn";
import { Input, Select } from "./input";

type FieldShell = { label: string; error?: string; hint?: ReactNode };

/** A labelled input whose error is announced and tied to it with aria-describedby. */
export const TextField = forwardRef<HTMLInputElement, Omit<InputHTMLAttributes<HTMLInputElement>, "size"> & FieldShell>(
  function TextField({ label, error, hint, className, id, ...props }, ref) {
    const generated = useId();
    const inputId = id ?? generated;
    return (
      <div className={cn("space-y-1", className)}>
        <label htmlFor={inputId} className="block text-sm font-medium text-foreground-soft">
          {label}
        </label>
        <Input
          ref={ref}
          id={inputId}
          invalid={!!error}
          aria-describedby={error ? `${inputId}-error` : hint ? `${inputId}-hint` : undefined}
          {...props}
        />
        {error ? (
          <p id={`${inputId}-error`} role="alert" className="text-sm text-danger-text">
            {error}
          </p>
        ) : hint ? (
          <p id={`${inputId}-hint`} className="text-xs text-subtle-foreground">
            {hint}
          </p>
        ) : null}
      </div>
    );
  },
);

export const SelectField = forwardRef<
  HTMLSelectElement,
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "size"> & FieldShell & { hideLabel?: boolean }
>(function SelectField({ label, error, hint, hideLabel, className, id, children, ...props }, ref) {
  const generated = useId();
  const selectId = id ?? generated;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={selectId} className={hideLabel ? "sr-only" : "block text-sm font-medium text-foreground-soft"}>
        {label}
      </label>
      <Select ref={ref} id={selectId} invalid={!!error} {...props}>
        {children}
      </Select>
      {error && (
        <p role="alert" className="text-sm text-danger-text">
          {error}
        </p>
      )}
      {!error && hint && <p className="text-xs text-subtle-foreground">{hint}</p>}
    </div>
  );
});

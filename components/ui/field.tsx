import {
  forwardRef,
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { cn } from "./cn";
import { Input, Select, Textarea } from "./input";

type FieldShell = { label: string; error?: string; hint?: ReactNode };

/** What a Field hands its control: the id its label points at, and how to mark and describe it. */
export type FieldControl = { id: string; invalid: boolean; "aria-describedby"?: string };

/**
 * The rows around one control: its label, then the control, then its error (announced) or else
 * its hint, tied to the control with aria-describedby. The one place a form's field is laid out;
 * TextField, TextareaField and SelectField are it around the matching control.
 */
export function Field({
  label,
  error,
  hint,
  hideLabel,
  id,
  className,
  children,
}: FieldShell & {
  hideLabel?: boolean;
  id?: string;
  className?: string;
  children: (control: FieldControl) => ReactNode;
}) {
  const generated = useId();
  const controlId = id ?? generated;
  const describedBy = error ? `${controlId}-error` : hint ? `${controlId}-hint` : undefined;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={controlId} className={hideLabel ? "sr-only" : "block text-sm font-medium text-foreground-soft"}>
        {label}
      </label>
      {children({ id: controlId, invalid: !!error, "aria-describedby": describedBy })}
      {error ? (
        <p id={`${controlId}-error`} role="alert" className="text-sm text-danger-text">
          {error}
        </p>
      ) : hint ? (
        <p id={`${controlId}-hint`} className="text-xs text-subtle-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input whose error is announced and tied to it with aria-describedby. */
export const TextField = forwardRef<HTMLInputElement, Omit<InputHTMLAttributes<HTMLInputElement>, "size"> & FieldShell>(
  function TextField({ label, error, hint, className, id, ...props }, ref) {
    return (
      <Field label={label} error={error} hint={hint} id={id} className={className}>
        {(control) => <Input ref={ref} {...control} {...props} />}
      </Field>
    );
  },
);

/** A labelled textarea, laid out and described like a TextField. */
export const TextareaField = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement> & FieldShell>(
  function TextareaField({ label, error, hint, className, id, ...props }, ref) {
    return (
      <Field label={label} error={error} hint={hint} id={id} className={className}>
        {(control) => <Textarea ref={ref} {...control} {...props} />}
      </Field>
    );
  },
);

export const SelectField = forwardRef<
  HTMLSelectElement,
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "size"> & FieldShell & { hideLabel?: boolean }
>(function SelectField({ label, error, hint, hideLabel, className, id, children, ...props }, ref) {
  return (
    <Field label={label} error={error} hint={hint} hideLabel={hideLabel} id={id} className={className}>
      {(control) => (
        <Select ref={ref} {...control} {...props}>
          {children}
        </Select>
      )}
    </Field>
  );
});

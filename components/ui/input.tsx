import { cva, type VariantProps } from "class-variance-authority";
import { forwardRef, type InputHTMLAttributes, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { cn } from "./cn";

/** The look of every text control (input, textarea, select); `invalid` turns the border red. */
export const controlVariants = cva(
  "block w-full rounded-md border bg-surface text-foreground shadow-xs placeholder:text-faint-foreground focus:outline-2 focus:outline-offset-0 focus:outline-ring disabled:cursor-not-allowed disabled:opacity-60",
  {
    variants: {
      size: { sm: "px-2 py-1 text-sm", md: "px-3 py-2 text-sm" },
      invalid: { true: "border-danger", false: "border-border-control" },
    },
    defaultVariants: { size: "md", invalid: false },
  },
);

type ControlProps = Omit<VariantProps<typeof controlVariants>, "invalid"> & { invalid?: boolean };

/**
 * Typed text reads in its own direction ("12 panels" stays in order in a Hebrew page) while an
 * empty field and its placeholder follow the page: each line's direction comes from its first
 * strong letter. Emails, phone numbers and URLs are always left to right.
 */
const typedText = "[unicode-bidi:plaintext]";
const LTR_TYPES = new Set(["email", "tel", "url"]);

export const Input = forwardRef<HTMLInputElement, Omit<InputHTMLAttributes<HTMLInputElement>, "size"> & ControlProps>(
  function Input({ size, invalid, className, ...props }, ref) {
    return (
      <input
        ref={ref}
        aria-invalid={invalid || props["aria-invalid"] || undefined}
        dir={props.type && LTR_TYPES.has(props.type) ? "ltr" : undefined}
        className={cn(controlVariants({ size, invalid: !!invalid }), typedText, className)}
        {...props}
      />
    );
  },
);

export const Textarea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement> & ControlProps>(
  function Textarea({ size, invalid, className, ...props }, ref) {
    return (
      <textarea
        ref={ref}
        aria-invalid={invalid || props["aria-invalid"] || undefined}
        className={cn(controlVariants({ size, invalid: !!invalid }), typedText, className)}
        {...props}
      />
    );
  },
);

/** A native select (keyboard, mobile pickers and form values for free) with the control look. */
export const Select = forwardRef<
  HTMLSelectElement,
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "size"> & ControlProps
>(function Select({ size, invalid, className, ...props }, ref) {
  return (
    <select
      ref={ref}
      aria-invalid={invalid || props["aria-invalid"] || undefined}
      className={cn(controlVariants({ size, invalid: !!invalid }), "pe-8", className)}
      {...props}
    />
  );
});

/**
 * A native checkbox (or radio) in the brand colour: it keeps its form value, works with
 * react-hook-form's register and needs no script, which a button-based checkbox would not.
 */
export const Checkbox = forwardRef<
  HTMLInputElement,
  Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { type?: "checkbox" | "radio" }
>(function Checkbox({ type = "checkbox", className, ...props }, ref) {
  return (
    <input
      ref={ref}
      type={type}
      className={cn("size-4 shrink-0 accent-primary disabled:cursor-not-allowed", className)}
      {...props}
    />
  );
});

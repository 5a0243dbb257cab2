"use client";

import { toNestErrors } from "@hookform/resolvers";
import { useTranslations } from "next-intl";
import { useState } from "react";
import {
  useForm,
  type FieldErrors,
  type FieldValues,
  type Path,
  type Resolver,
  type UseFormProps,
} from "react-hook-form";
import type { z } from "zod";
import { issueField, localizeIssue, VALIDATION_PARSE, type KeyedTranslate } from "@/lib/http/validation";
import { ApiError } from "./api";
import { useErrorText } from "./use-error-text";

/**
 * The schema as a react-hook-form resolver whose messages are in the reader's language: the
 * same keys and parameters the server renders its field errors from (lib/http/validation.ts).
 */
function translatedResolver<S extends z.ZodType<FieldValues, FieldValues>>(schema: S, t: KeyedTranslate): Resolver {
  return async (values, _context, options) => {
    const result = await schema.safeParseAsync(values, VALIDATION_PARSE);
    if (result.success) return { values: result.data, errors: {} };
    const errors: FieldErrors = {};
    for (const issue of result.error.issues) {
      const field = issueField(issue);
      errors[field] ??= { type: issue.code, message: localizeIssue(issue, t) };
    }
    return { values: {}, errors: toNestErrors(errors, options) };
  };
}

/**
 * react-hook-form with the same zod schema the route handler parses with. Client-side
 * errors show before a request is sent, in the reader's language; server field errors (422/409) land on the same
 * fields, anything else in `formError`.
 */
export function useApiForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  options: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, "resolver"> = {},
) {
  const t = useTranslations("validation");
  const describe = useErrorText();
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    ...options,
    resolver: translatedResolver(schema, t) as never,
  });
  const [formError, setFormError] = useState<string | null>(null);
  /** The problem's machine-readable code behind formError (plan_limit, billing_read_only, …), for a follow-up link. */
  const [formErrorCode, setFormErrorCode] = useState<string | null>(null);

  const submit = (send: (values: z.output<S>) => Promise<void>) =>
    form.handleSubmit(async (values) => {
      setFormError(null);
      setFormErrorCode(null);
      try {
        await send(values);
      } catch (error) {
        if (error instanceof ApiError) {
          const fields = Object.entries(error.problem.errors ?? {});
          for (const [name, messages] of fields) {
            form.setError(name as Path<z.input<S>>, { type: "server", message: messages[0] });
          }
          if (!fields.length || error.status === 429) {
            setFormError(describe(error));
            setFormErrorCode(error.problem.code ?? null);
          }
        } else {
          setFormError(error instanceof Error ? error.message : String(error));
        }
      }
    });

  return { form, submit, formError, setFormError, formErrorCode };
}

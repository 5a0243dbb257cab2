"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, type FieldValues, type Path, type UseFormProps } from "react-hook-form";
import type { z } from "zod";
import { ApiError } from "./api";

/**
 * react-hook-form with the same zod schema the route handler parses with. Client-side
 * errors show before a request is sent; server field errors (422/409) land on the same
 * fields, anything else in `formError`.
 */
export function useApiForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  options: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, "resolver"> = {},
) {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    ...options,
    resolver: zodResolver(schema as never) as never,
  });
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (send: (values: z.output<S>) => Promise<void>) =>
    form.handleSubmit(async (values) => {
      setFormError(null);
      try {
        await send(values);
      } catch (error) {
        if (error instanceof ApiError) {
          const fields = Object.entries(error.problem.errors ?? {});
          for (const [name, messages] of fields) {
            form.setError(name as Path<z.input<S>>, { type: "server", message: messages[0] });
          }
          if (!fields.length || error.status === 429) setFormError(error.message);
        } else {
          setFormError(error instanceof Error ? error.message : String(error));
        }
      }
    });

  return { form, submit, formError, setFormError };
}

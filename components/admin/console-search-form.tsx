"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Form, SubmitButton } from "@/components/ui/form";
import { Input } from "@/components/ui/input";

/** Puts the search into the URL (with the list's other filters, from the first page). */
export function ConsoleSearchForm({
  action,
  q,
  placeholder,
  hidden,
  label,
}: {
  action: string;
  q: string;
  placeholder: string;
  hidden: Record<string, string | undefined>;
  label: string;
}) {
  const router = useRouter();
  const [value, setValue] = useState(q);
  return (
    <Form
      role="search"
      className="flex flex-wrap items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        const query = new URLSearchParams();
        const search = value.trim();
        if (search) query.set("q", search);
        for (const [name, filter] of Object.entries(hidden)) if (filter) query.set(name, filter);
        router.push(query.size ? `${action}?${query}` : action);
      }}
    >
      <label htmlFor="console-q" className="sr-only">
        {label}
      </label>
      <Input
        id="console-q"
        name="q"
        type="search"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        placeholder={placeholder}
        maxLength={200}
        className="max-w-sm"
        data-testid="console-search"
      />
      <SubmitButton variant="secondary">{label}</SubmitButton>
    </Form>
  );
}

import { getTranslations } from "next-intl/server";
import { ConsoleSearchForm } from "./console-search-form";

/** The search box of a console list; the search lives in the URL, so a link reproduces the view. */
export async function ConsoleSearch({
  action,
  q,
  placeholder,
  hidden = {},
}: {
  action: string;
  q?: string;
  placeholder: string;
  hidden?: Record<string, string | undefined>;
}) {
  const t = await getTranslations("platformAdmin");
  return (
    <ConsoleSearchForm action={action} q={q ?? ""} placeholder={placeholder} hidden={hidden} label={t("search")} />
  );
}

/** "Next page" for keyset paging, keeping the search and filters. */
export async function ConsolePager({
  action,
  nextCursor,
  params,
}: {
  action: string;
  nextCursor: string | null;
  params: Record<string, string | undefined>;
}) {
  if (!nextCursor) return null;
  const t = await getTranslations("platformAdmin");
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  query.set("cursor", nextCursor);
  return (
    <a
      href={`${action}?${query}`}
      className="mt-4 inline-block text-sm text-primary-text hover:underline"
      data-testid="console-next-page"
    >
      {t("nextPage")}
    </a>
  );
}

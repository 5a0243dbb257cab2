import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ApiReference } from "@/components/docs/api-reference";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiDocs"))("title") };
}

/** The API reference: public, like the document it renders (GET /api/v1/openapi.json). */
export default async function ApiDocsPage() {
  const t = await getTranslations("apiDocs");
  return (
    <main className="mx-auto max-w-6xl space-y-4 px-4 py-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="max-w-3xl text-sm text-muted-foreground">{t("intro")}</p>
        <p className="text-sm">
          <a href="/api/v1/openapi.json" className="text-primary-text hover:underline">
            {t("download")}
          </a>
          {" · "}
          <Link href="/settings/api-keys" className="text-primary-text hover:underline">
            {t("manageKeys")}
          </Link>
        </p>
      </header>
      {/* Swagger UI draws with its own light colours whatever the theme. */}
      <div className="rounded-lg border border-border bg-white text-black" dir="ltr">
        <ApiReference url="/api/v1/openapi.json" />
      </div>
    </main>
  );
}

import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-2xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="max-w-md text-sm text-zinc-600 dark:text-zinc-400">{t("notFoundBody")}</p>
      <Link href="/dashboard" className="text-sm text-orange-700 hover:underline dark:text-orange-400">
        {t("home")}
      </Link>
    </main>
  );
}

"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Direction } from "radix-ui";
import { useMemo } from "react";
import { isolatingValues } from "@/components/ui/bidi";
import type { Translate } from "@/lib/i18n/translate";
import { heatLineText, intlHeatLineFormat, type HeatLineText } from "@/lib/scoring/render";

/** The scoring engine's stored lines worded in the reader's language and time zone (lib/scoring/render.ts). */
export function useHeatLineText(): HeatLineText {
  const t = useTranslations("heatLines");
  const format = useFormatter();
  const dir = Direction.useDirection();
  return useMemo(
    () =>
      heatLineText(
        isolatingValues(t as unknown as Translate, dir),
        intlHeatLineFormat((date, options) => format.dateTime(date, options)),
      ),
    [t, format, dir],
  );
}

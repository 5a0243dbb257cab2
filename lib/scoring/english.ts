import en from "@/lib/i18n/messages/en.json";
import { translatorOver } from "@/lib/i18n/translator";
import type { HeatLine } from "./lines";
import { renderHeatLine, UTC_FORMAT } from "./render";

let english: ReturnType<typeof translatorOver> | null = null;

/**
 * A line in English with UTC timestamps, as README.md quotes the engine: for tests and logs.
 * What is stored and shown is the line itself, rendered in the reader's language.
 */
export function englishHeatLine(line: HeatLine): string {
  english ??= translatorOver(en, "en", "heatLines");
  return renderHeatLine(line, english, UTC_FORMAT);
}

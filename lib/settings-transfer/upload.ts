import "server-only";
import { readBodyBytes, parseJsonText } from "@/lib/http/body";
import { HttpError } from "@/lib/http/errors";
import { openMultipartFile } from "@/lib/http/multipart";
import { malformedJson, missingFile, tooLarge, unknownSections, unsupportedType, type TransferTexts } from "./errors";
import { MAX_SETTINGS_BYTES, SETTINGS_SECTIONS, type SettingsSection } from "./sections";

/** Room for a multipart body's boundaries and part headers around a file of MAX_SETTINGS_BYTES. */
const MULTIPART_ENVELOPE_BYTES = 16 * 1024;

/** The byte cap's 413 in the importer's words, on `file`; anything else passes through. */
const sized = (texts: TransferTexts) => (error: unknown) => {
  throw error instanceof HttpError && error.status === 413 ? tooLarge(texts) : error;
};

async function readCapped(
  stream: ReadableStream<Uint8Array>,
  limit: number,
  texts: TransferTexts,
): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    size += next.value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(texts);
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks);
}

/**
 * The settings file of an import request, as bytes of at most MAX_SETTINGS_BYTES (413 at the
 * first byte past it, before anything is parsed): the JSON body itself, or the `file` part of a
 * multipart form (what the browser's file picker sends).
 */
export async function readSettingsFile(request: Request, texts: TransferTexts): Promise<Uint8Array> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    const upload = await openMultipartFile(request, "file", MAX_SETTINGS_BYTES + MULTIPART_ENVELOPE_BYTES).catch(
      sized(texts),
    );
    if (!upload) throw missingFile(texts);
    return readCapped(upload.file, MAX_SETTINGS_BYTES, texts).catch(sized(texts));
  }
  if (/^application\/([\w.+-]*\+)?json\b/.test(type))
    return readBodyBytes(request, MAX_SETTINGS_BYTES).catch(sized(texts));
  throw unsupportedType(texts);
}

/** The file's bytes as JSON: not UTF-8 text or not JSON is a 400 on `file`. */
export function parseSettingsJson(bytes: Uint8Array, texts: TransferTexts): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw malformedJson(texts);
  }
  if (!text.trim()) throw missingFile(texts);
  try {
    return parseJsonText(text);
  } catch {
    throw malformedJson(texts);
  }
}

/** `?sections=preferences,dashboards`: the sections to import (absent: all the file carries). */
export function parseSectionsParam(value: string | null, texts: TransferTexts): SettingsSection[] | undefined {
  if (value === null) return undefined;
  const names = value
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(SETTINGS_SECTIONS as readonly string[]).includes(name));
  if (unknown.length) throw unknownSections(unknown, texts);
  return names as SettingsSection[];
}

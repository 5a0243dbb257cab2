import "server-only";
import type { ZodType } from "zod";
import { readJson } from "@/lib/http/body";
import { invalid } from "@/lib/http/errors";
import { VALIDATION_PARSE } from "@/lib/http/validation";

/**
 * Console routes check the admin before they look at their input, so someone who is not one
 * gets the same 404 whatever they send (route()'s own query and body options would answer a
 * malformed request with a 422 first and give the console away).
 */
function parsed<T>(schema: ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value, VALIDATION_PARSE);
  if (!result.success) throw invalid(result.error);
  return result.data;
}

export const consoleQuery = <T>(schema: ZodType<T>, request: Request): T =>
  parsed(schema, Object.fromEntries(new URL(request.url).searchParams));

export const consoleBody = async <T>(schema: ZodType<T>, request: Request): Promise<T> =>
  parsed(schema, await readJson(request));

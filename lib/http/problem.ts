import type { HttpError } from "./errors";

export function problemResponse(error: HttpError, requestId?: string): Response {
  const body = {
    type: `about:blank`,
    title: error.title,
    status: error.status,
    detail: error.detail,
    ...(error.extra.code ? { code: error.extra.code } : {}),
    ...(error.extra.errors ? { errors: error.extra.errors } : {}),
    ...(requestId ? { requestId } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: { "content-type": "application/problem+json", ...error.extra.headers },
  });
}

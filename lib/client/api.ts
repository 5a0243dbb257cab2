/**
 * Browser-side calls to our route handlers. Errors arrive as problem+json and are
 * thrown as ApiError, whose field errors forms show next to their inputs.
 */
export type Problem = {
  title: string;
  status: number;
  detail?: string;
  errors?: Record<string, string[]>;
  /** Machine-readable outcome; "network" and "unexpected" are made here, in the browser (see useErrorText). */
  code?: string;
};

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
  }
  get status() {
    return this.problem.status;
  }
}

export async function api<T = unknown>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      // FormData (a file upload) sets its own multipart content type and boundary.
      headers:
        init.body === undefined || init.body instanceof FormData ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : init.body instanceof FormData ? init.body : JSON.stringify(init.body),
      credentials: "same-origin",
    });
  } catch {
    // The English detail is for callers that have no translator (errorText); useErrorText words it.
    throw new ApiError({
      title: "Network error",
      status: 0,
      detail: "Could not reach Kiln. Check your connection and try again.",
      code: "network",
    });
  }
  if (response.status === 204) return undefined as T;
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(
      data && typeof data === "object" && "title" in data
        ? (data as Problem)
        : {
            title: response.statusText || "Error",
            status: response.status,
            detail: "Something went wrong. Try again.",
            code: "unexpected",
          },
    );
  }
  return data as T;
}

/**
 * What to show a person for a failed call: the server's explanation (in their language) when
 * there is one. Prefer useErrorText in components: it also words the failures made here.
 */
export const errorText = (error: unknown): string => (error instanceof ApiError ? error.message : String(error));

/** The problem's machine-readable `code` (plan_limit, task_superseded, …), when the server sent one. */
export const problemCode = (error: unknown): string | undefined =>
  error instanceof ApiError ? (error.problem as { code?: string }).code : undefined;

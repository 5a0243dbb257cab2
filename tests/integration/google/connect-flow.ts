import { expect } from "vitest";
import type { Person } from "../api/http";

/** Settings → Connect: the start route, then Google's consent screen (the stand-in consents over HTTP). */
export async function authorizeGoogle(person: Person, parts = "") {
  const start = await person.browser.get(`/api/oauth/google/start${parts ? `?parts=${parts}` : ""}`);
  expect(start.status, start.text).toBe(302);
  const consent = await fetch(start.headers.get("location")!, { redirect: "manual" });
  expect(consent.status).toBe(302);
  const back = new URL(consent.headers.get("location")!);
  expect(back.pathname).toBe("/api/oauth/google/callback");
  return Object.fromEntries(back.searchParams) as { state: string; code?: string; error?: string };
}

export const googleCallback = (person: Person, params: Record<string, string>) =>
  person.browser.get(`/api/oauth/google/callback?${new URLSearchParams(params)}`);

/** The query Settings → Integrations is sent back with. */
export const callbackResult = (response: { headers: Headers }) =>
  Object.fromEntries(new URL(response.headers.get("location")!).searchParams);

/** The whole round trip; resolves to the callback's result ({ google: "connected" } on success). */
export async function connectGoogle(person: Person, parts = "") {
  const { state, code } = await authorizeGoogle(person, parts);
  return callbackResult(await googleCallback(person, { state, code: code! }));
}

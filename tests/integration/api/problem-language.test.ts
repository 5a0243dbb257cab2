import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "@/lib/db/client";
import { translatorFor } from "@/lib/i18n/translator";
import { Browser, lastEmailTo, signUpPerson, uniqueEmail, type Person } from "./http";

afterAll(() => closeDatabase());

/** What the reader of `locale` should see for a `validation` / `problems` key. */
const text = (
  locale: string,
  namespace: "validation" | "problems" | "emails",
  key: string,
  values?: Record<string, string | number>,
) => translatorFor(locale, namespace)(key, values);

const badSignUp = { fullName: "Ada", email: "not-an-email", password: "short" };

describe("problem+json in the caller's language", () => {
  let owner: Person;
  beforeAll(async () => {
    owner = await signUpPerson({ prefix: "problem-language" });
  });

  it("answers English field errors, codes and detail to a caller who asks for no language", async () => {
    const response = await new Browser().post("/api/auth/sign-up", badSignUp);
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      type: "about:blank",
      title: "Unprocessable content",
      detail: "Some fields are not valid.",
      errors: { email: ["Enter a valid email address."], password: ["Use at least 10 characters."] },
      errorCodes: { email: ["emailInvalid"], password: ["tooSmall"] },
    });
  });

  it("answers German field errors to Accept-Language: de, with the same title, type and codes", async () => {
    const response = await new Browser().post("/api/auth/sign-up", badSignUp, {
      headers: { "accept-language": "de-CH,de;q=0.9,en;q=0.5" },
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      type: "about:blank",
      title: "Unprocessable content",
      detail: text("de", "problems", "fieldsInvalid"),
      errors: {
        email: [text("de", "validation", "emailInvalid")],
        password: [text("de", "validation", "tooSmall", { origin: "string", minimum: 10 })],
      },
      errorCodes: { email: ["emailInvalid"], password: ["tooSmall"] },
    });
    expect(response.body.errors.email[0]).not.toBe("Enter a valid email address.");
  });

  it("answers Hebrew to a visitor whose language picker set the kiln-locale cookie", async () => {
    const response = await new Browser({ "kiln-locale": "he" }).post("/api/auth/sign-up", badSignUp, {
      headers: { "accept-language": "de" },
    });
    expect(response.body.errors.email).toEqual([text("he", "validation", "emailInvalid")]);
  });

  it("answers a signed-in German user in German whatever the browser asks for", async () => {
    const saved = await owner.browser.patch("/api/v1/preferences", { interface: { language: "de" } });
    expect(saved.status).toBe(200);
    const response = await owner.browser.post(
      "/api/v1/projects",
      { name: "x".repeat(121) },
      { headers: { "accept-language": "en" } },
    );
    expect(response.status).toBe(422);
    expect(response.body.errors.name).toEqual([text("de", "validation", "tooBig", { origin: "string", maximum: 120 })]);
    expect(response.body.detail).toBe(text("de", "problems", "fieldsInvalid"));
  });

  it("renders a problem detail with its parameters in the caller's language", async () => {
    const response = await new Browser().post(
      "/api/auth/sign-up",
      { fullName: "Ada", email: uniqueEmail("twice"), password: "long enough password" },
      { rawBody: `{"a":1}`, headers: { "accept-language": "he" } },
    );
    // A well-formed body that misses every field: Hebrew "required" on each.
    expect(response.body.errors.fullName).toEqual([text("he", "validation", "required")]);
    const query = await owner.browser.get("/api/v1/projects?archived=true&archived=false", {
      headers: { "accept-language": "en" },
    });
    expect(query.status).toBe(400);
    expect(query.body.detail).toBe(text("de", "problems", "queryParameterTwice", { key: "archived" }));
  });

  it("writes the sign-up and password-reset emails in the language of the page they were asked from", async () => {
    const email = uniqueEmail("email-language");
    const hebrew = new Browser({ "kiln-locale": "he" });
    expect(
      (await hebrew.post("/api/auth/sign-up", { fullName: "Ada", email, password: "long enough password" })).status,
    ).toBe(202);
    const confirm = await lastEmailTo(email);
    expect(confirm?.subject).toBe(text("he", "emails", "signUpConfirmSubject"));

    const german = await new Browser().post(
      "/api/auth/password-reset",
      { email: owner.email },
      {
        headers: { "accept-language": "de" },
      },
    );
    expect(german.status).toBe(202);
    expect((await lastEmailTo(owner.email))?.subject).toBe(text("de", "emails", "passwordResetSubject"));
  });
});

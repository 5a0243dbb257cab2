import { SignJWT } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { ACCOUNT_FREE_FAILURES } from "@/lib/auth/local";
import {
  RESETS_PER_EMAIL,
  SIGN_IN_FAILURES_GLOBAL,
  SIGN_IN_FAILURES_PER_ADDRESS,
  SIGN_UPS_PER_ADDRESS,
  SIGN_UPS_PER_EMAIL,
} from "@/lib/auth/limits";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import {
  Browser,
  joinAs,
  lastEmailTo,
  linkToken,
  PASSWORD,
  randomAddress,
  signUpPerson,
  uniqueEmail,
  uniqueName,
} from "./http";

afterAll(() => closeDatabase());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const retryAfterOf = (response: { headers: Headers }) => Number(response.headers.get("retry-after"));
const signInFrom = (address: string, email: string, password: string) =>
  new Browser({}, { address }).post("/api/auth/sign-in", { email, password });

/** Sets a limit's count for `key` to its maximum in the current window, as if that many requests had just come in. */
async function useUp(scope: string, key: string, windowSeconds: number, hits: number) {
  await withService((tx) =>
    tx.query(
      `insert into public.rate_limit_counters (scope, key, window_start, hits)
       values ($1, $2, to_timestamp(floor(extract(epoch from now()) / $3) * $3), $4)
       on conflict (scope, key, window_start) do update set hits = excluded.hits`,
      [scope, key, windowSeconds, hits],
    ),
  );
}
/** `count` wrong passwords for `email`, each from a fresh address, waiting out the account's delay where one applies. */
async function failSignIns(email: string, count: number) {
  for (let failed = 0; failed < count;) {
    const response = await signInFrom(randomAddress(), email, "wrong-password");
    if (response.status === 429) await sleep(retryAfterOf(response) * 1000 + 50);
    else {
      expect(response.status).toBe(401);
      failed++;
    }
  }
}
const forget = (scope: string) =>
  withService((tx) => tx.query("delete from public.rate_limit_counters where scope = $1", [scope]));

const countUsers = (email: string) =>
  withService(
    async (tx) =>
      (
        await tx.query<{ n: number }>("select count(*)::int as n from auth.users where lower(email) = lower($1)", [
          email,
        ])
      ).rows[0]!.n,
  );
const countOrgs = (name: string) =>
  withService(
    async (tx) =>
      (await tx.query<{ n: number }>("select count(*)::int as n from public.organizations where name = $1", [name]))
        .rows[0]!.n,
  );

describe("sign-up", () => {
  it("answers 202 and emails a link; the link creates the user and a new organization they own, and signs them in", async () => {
    const browser = new Browser();
    const email = uniqueEmail("founder");
    const organizationName = uniqueName("Founders");
    const requested = await browser.post("/api/auth/sign-up", {
      fullName: "Fay Founder",
      email,
      password: PASSWORD,
      organizationName,
    });
    expect(requested.status).toBe(202);
    expect(requested.body).toEqual({ ok: true, confirmEmail: true });
    expect(requested.headers.get("set-cookie")).toBeNull();
    expect(await countUsers(email)).toBe(0);

    const response = await browser.post("/api/auth/sign-up/confirm", {
      token: await linkToken(email, "/sign-up/confirm"),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("set-cookie")).toMatch(/kiln_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
    expect(browser.cookie("kiln_session")).toBeTruthy();

    const me = await browser.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body.user).toEqual({ id: response.body.userId, email, fullName: "Fay Founder" });
    expect(me.body.organization).toMatchObject({
      orgId: response.body.orgId,
      orgName: organizationName,
      role: "owner",
    });
    expect(me.body.memberships).toEqual([{ orgId: response.body.orgId, orgName: organizationName, role: "owner" }]);
  });

  it("names the organization after the person when no name is given", async () => {
    const browser = new Browser();
    const email = uniqueEmail();
    expect(
      (await browser.post("/api/auth/sign-up", { fullName: "Nora Noname", email, password: PASSWORD })).status,
    ).toBe(202);
    const response = await browser.post("/api/auth/sign-up/confirm", {
      token: await linkToken(email, "/sign-up/confirm"),
    });
    expect(response.status).toBe(201);
    expect((await browser.get("/api/me")).body.organization.orgName).toBe("Nora Noname's team");
  });

  it("stores the email in lower case, so the same address in other case gets no second account", async () => {
    const email = uniqueEmail("Mixed.Case");
    await signUpPerson({ email: email.toUpperCase() });
    const second = await new Browser().post("/api/auth/sign-up", { fullName: "Mixed", email, password: PASSWORD });
    expect(second.status).toBe(202);
    expect(await countUsers(email)).toBe(1);
  });

  it("answers a sign-up for an email that has an account exactly like one for a new email, creates nothing, and tells the owner by email", async () => {
    const existing = await signUpPerson({ prefix: "taken" });
    const organizationName = uniqueName("Second attempt");
    const attempt = { fullName: "Someone Else", password: "another-password-123", organizationName };
    const intruder = new Browser();
    const forExisting = await intruder.post("/api/auth/sign-up", { ...attempt, email: existing.email });
    const forNew = await new Browser().post("/api/auth/sign-up", { ...attempt, email: uniqueEmail("fresh") });

    expect(forExisting.status).toBe(202);
    expect(forExisting.status).toBe(forNew.status);
    expect(forExisting.text).toBe(forNew.text);
    expect(forExisting.headers.get("content-type")).toBe(forNew.headers.get("content-type"));
    expect(forExisting.headers.get("set-cookie")).toBeNull();
    expect(intruder.cookie("kiln_session")).toBeUndefined();
    expect(await countUsers(existing.email)).toBe(1);
    expect(await countOrgs(organizationName)).toBe(0);

    const mail = await lastEmailTo(existing.email);
    expect(mail?.subject).toBe("Someone tried to create a Kiln account with your email");
    expect(mail?.text).not.toContain("/sign-up/confirm");
    // The original account still signs in with its own password.
    expect(
      (await new Browser().post("/api/auth/sign-in", { email: existing.email, password: existing.password })).status,
    ).toBe(200);
  });

  it("uses a sign-up link once: a second use is 410 and creates nothing more", async () => {
    const browser = new Browser();
    const email = uniqueEmail("once");
    await browser.post("/api/auth/sign-up", { fullName: "Once", email, password: PASSWORD });
    const token = await linkToken(email, "/sign-up/confirm");
    expect((await browser.post("/api/auth/sign-up/confirm", { token })).status).toBe(201);
    const again = await new Browser().post("/api/auth/sign-up/confirm", { token });
    expect(again.status).toBe(410);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(await countUsers(email)).toBe(1);
  });

  it("answers 410 for an expired sign-up link, and for an unknown one", async () => {
    const email = uniqueEmail("late");
    await new Browser().post("/api/auth/sign-up", { fullName: "Late", email, password: PASSWORD });
    const token = await linkToken(email, "/sign-up/confirm");
    await withService((tx) =>
      tx.query("update public.sign_up_requests set expires_at = now() - interval '1 second' where email = $1", [email]),
    );
    expect((await new Browser().post("/api/auth/sign-up/confirm", { token })).status).toBe(410);
    expect((await new Browser().post("/api/auth/sign-up/confirm", { token: "u".repeat(43) })).status).toBe(410);
    expect(await countUsers(email)).toBe(0);
  });

  it("limits sign-up emails to one address: past the limit 429 with Retry-After, from any client", async () => {
    const email = uniqueEmail("bombed");
    for (let i = 1; i <= SIGN_UPS_PER_EMAIL.max; i++) {
      expect(
        (await new Browser().post("/api/auth/sign-up", { fullName: "Bomb", email, password: PASSWORD })).status,
        `sign-up ${i}`,
      ).toBe(202);
    }
    const refused = await new Browser().post("/api/auth/sign-up", { fullName: "Bomb", email, password: PASSWORD });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(retryAfterOf(refused)).toBeGreaterThan(0);
    expect(retryAfterOf(refused)).toBeLessThanOrEqual(SIGN_UPS_PER_EMAIL.windowSeconds * 2);
  });

  it("limits sign-ups from one client address: past the limit 429 with Retry-After", async () => {
    const address = randomAddress();
    for (let i = 1; i <= SIGN_UPS_PER_ADDRESS.max; i++) {
      const response = await new Browser({}, { address }).post("/api/auth/sign-up", {
        fullName: "Many",
        email: uniqueEmail("many"),
        password: PASSWORD,
      });
      expect(response.status, `sign-up ${i}`).toBe(202);
    }
    const refused = await new Browser({}, { address }).post("/api/auth/sign-up", {
      fullName: "Many",
      email: uniqueEmail("many"),
      password: PASSWORD,
    });
    expect(refused.status).toBe(429);
    expect(retryAfterOf(refused)).toBeGreaterThan(0);
    expect(
      (
        await new Browser().post("/api/auth/sign-up", {
          fullName: "Other",
          email: uniqueEmail("other"),
          password: PASSWORD,
        })
      ).status,
    ).toBe(202);
  });

  it("answers 422 with a field error for an invalid email and a short password", async () => {
    const response = await new Browser().post("/api/auth/sign-up", {
      fullName: "Val",
      email: "not-an-email",
      password: "short",
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ status: 422, title: "Unprocessable content" });
    expect(response.errors?.email).toEqual(["Enter a valid email address."]);
    expect(response.errors?.password).toEqual(["Use at least 10 characters."]);
    expect(response.errors?.fullName).toBeUndefined();
  });

  it("answers 422 naming every missing field", async () => {
    const response = await new Browser().post("/api/auth/sign-up", {});
    expect(response.status).toBe(422);
    expect(Object.keys(response.errors ?? {}).sort()).toEqual(["email", "fullName", "password"]);
  });

  it("answers 422 for fields of the wrong type, and creates nothing", async () => {
    const organizationName = uniqueName("Typed");
    const response = await new Browser().post("/api/auth/sign-up", {
      fullName: 42,
      email: true,
      password: ["x"],
      organizationName,
    });
    expect(response.status).toBe(422);
    expect(response.errors).toHaveProperty("fullName");
    expect(response.errors).toHaveProperty("email");
    expect(response.errors).toHaveProperty("password");
    expect(await countOrgs(organizationName)).toBe(0);
  });

  it("answers 422 for a password longer than bcrypt can use", async () => {
    const response = await new Browser().post("/api/auth/sign-up", {
      fullName: "Long",
      email: uniqueEmail(),
      password: "x".repeat(73),
    });
    expect(response.status).toBe(422);
    expect(response.errors?.password).toEqual(["Use at most 72 characters."]);
  });

  it("answers 400 for a body that is not valid JSON", async () => {
    const response = await new Browser().post("/api/auth/sign-up", undefined, { rawBody: '{"fullName": "Broken",' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ status: 400, detail: "The request body is not valid JSON." });
  });

  it("answers 413 for a body over 1 MB, and creates nothing", async () => {
    const email = uniqueEmail("huge");
    const response = await new Browser().post("/api/auth/sign-up", {
      fullName: "x".repeat(1024 * 1024),
      email,
      password: PASSWORD,
    });
    expect(response.status).toBe(413);
    expect(await countUsers(email)).toBe(0);
  });

  it("answers 413 for a declared Content-Length over 1 MB without reading the body", async () => {
    const email = uniqueEmail("declared");
    const response = await new Browser().post(
      "/api/auth/sign-up",
      { fullName: "Declared", email, password: PASSWORD },
      { headers: { "content-length": String(2 * 1024 * 1024) } },
    );
    expect(response.status).toBe(413);
    expect(await countUsers(email)).toBe(0);
  });

  it("answers 415 for a body that is not sent as JSON", async () => {
    const email = uniqueEmail("form");
    const response = await new Browser().post("/api/auth/sign-up", undefined, {
      rawBody: JSON.stringify({ fullName: "Form", email, password: PASSWORD }),
      contentType: "text/plain",
    });
    expect(response.status).toBe(415);
    expect(await countUsers(email)).toBe(0);
  });

  it("accepts a JSON content type with a charset parameter", async () => {
    const response = await new Browser().post(
      "/api/auth/sign-up",
      { fullName: "Charset", email: uniqueEmail(), password: PASSWORD },
      { contentType: "application/json; charset=utf-8" },
    );
    expect(response.status).toBe(202);
  });
});

describe("sign-in", () => {
  it("signs in with the right password and sets a session cookie", async () => {
    const person = await signUpPerson({ prefix: "signin" });
    const browser = new Browser();
    const response = await browser.post("/api/auth/sign-in", {
      email: person.email.toUpperCase(),
      password: person.password,
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ userId: person.userId, orgId: person.orgId });
    expect((await browser.get("/api/me")).body.user.id).toBe(person.userId);
  });

  it("answers 401 for a wrong password without setting a cookie", async () => {
    const person = await signUpPerson({ prefix: "wrongpw" });
    const browser = new Browser();
    const response = await browser.post("/api/auth/sign-in", { email: person.email, password: "not-the-password" });
    expect(response.status).toBe(401);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect((await browser.get("/api/me")).status).toBe(401);
  });

  it("answers an unknown email exactly like a wrong password", async () => {
    const response = await new Browser().post("/api/auth/sign-in", {
      email: uniqueEmail("nobody"),
      password: "whatever-password",
    });
    expect(response.status).toBe(401);
    expect(response.body.detail).toBe("Email or password is incorrect.");
  });

  it("the right password still signs in after five wrong ones from another address: at most a short wait, never a 15-minute lock", async () => {
    const person = await signUpPerson({ prefix: "throttled" });
    const attacker = randomAddress();
    for (let attempt = 1; attempt <= ACCOUNT_FREE_FAILURES; attempt++) {
      expect((await signInFrom(attacker, person.email, `wrong-password-${attempt}`)).status, `attempt ${attempt}`).toBe(
        401,
      );
    }
    const browser = new Browser();
    let response = await browser.post("/api/auth/sign-in", { email: person.email, password: person.password });
    if (response.status === 429) {
      expect(retryAfterOf(response)).toBeLessThanOrEqual(1);
      expect(browser.cookie("kiln_session")).toBeUndefined();
      await sleep(retryAfterOf(response) * 1000 + 50);
      response = await browser.post("/api/auth/sign-in", { email: person.email, password: person.password });
    }
    expect(response.status).toBe(200);
    expect(browser.cookie("kiln_session")).toBeTruthy();
    // The person's existing session was never affected.
    expect((await person.browser.get("/api/me")).status).toBe(200);
  });

  it("makes each failure past the fifth wait longer, and an attempt during the wait neither checks the password nor counts", async () => {
    const person = await signUpPerson({ prefix: "delayed" });
    await failSignIns(person.email, ACCOUNT_FREE_FAILURES + 1);
    // Six failures: the wait is two seconds since the last one.
    const early = await signInFrom(randomAddress(), person.email, person.password);
    expect(early.status).toBe(429);
    expect(retryAfterOf(early)).toBeLessThanOrEqual(2);
    expect(early.body.detail).toMatch(/reset your password/);
    const failures = await withService(
      async (tx) =>
        (
          await tx.query<{ n: number }>("select count(*)::int as n from public.login_attempts where email = $1", [
            person.email,
          ])
        ).rows[0]!.n,
    );
    expect(failures).toBe(ACCOUNT_FREE_FAILURES + 1);
    await sleep(retryAfterOf(early) * 1000 + 50);
    expect((await signInFrom(randomAddress(), person.email, person.password)).status).toBe(200);
  });

  it("one client address guessing one password across many accounts gets 429 once its failures reach the limit; other addresses sign in", async () => {
    const victim = await signUpPerson({ prefix: "sprayed" });
    const sprayer = randomAddress();
    for (let i = 1; i <= SIGN_IN_FAILURES_PER_ADDRESS.max; i++) {
      expect((await signInFrom(sprayer, uniqueEmail("target"), "Summer2026!")).status, `guess ${i}`).toBe(401);
    }
    const refused = await signInFrom(sprayer, victim.email, "Summer2026!");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(retryAfterOf(refused)).toBeGreaterThan(0);
    expect(retryAfterOf(refused)).toBeLessThanOrEqual(SIGN_IN_FAILURES_PER_ADDRESS.windowSeconds * 2);
    // Refused before the password was checked: it did not count against the account.
    expect((await signInFrom(randomAddress(), victim.email, victim.password)).status).toBe(200);
  });

  it("successful sign-ins do not use up their address's allowance", async () => {
    const person = await signUpPerson({ prefix: "office" });
    const office = randomAddress();
    for (let i = 1; i <= SIGN_IN_FAILURES_PER_ADDRESS.max + 2; i++) {
      expect((await signInFrom(office, person.email, person.password)).status, `sign-in ${i}`).toBe(200);
    }
  });

  it("refuses every failed-looking attempt with 429 once the installation-wide failure limit is reached", async () => {
    const person = await signUpPerson({ prefix: "global" });
    await useUp(
      SIGN_IN_FAILURES_GLOBAL.scope,
      "all",
      SIGN_IN_FAILURES_GLOBAL.windowSeconds,
      SIGN_IN_FAILURES_GLOBAL.max,
    );
    try {
      const refused = await signInFrom(randomAddress(), person.email, person.password);
      expect(refused.status).toBe(429);
      expect(retryAfterOf(refused)).toBeGreaterThan(0);
    } finally {
      await forget(SIGN_IN_FAILURES_GLOBAL.scope);
    }
    expect((await signInFrom(randomAddress(), person.email, person.password)).status).toBe(200);
  });

  it("counts only failures since the last successful sign-in", async () => {
    const person = await signUpPerson({ prefix: "recovering" });
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(
        (await new Browser().post("/api/auth/sign-in", { email: person.email, password: "wrong-password" })).status,
      ).toBe(401);
    }
    expect(
      (await new Browser().post("/api/auth/sign-in", { email: person.email, password: person.password })).status,
    ).toBe(200);
    expect(
      (await new Browser().post("/api/auth/sign-in", { email: person.email, password: "wrong-password" })).status,
    ).toBe(401);
    expect(
      (await new Browser().post("/api/auth/sign-in", { email: person.email, password: person.password })).status,
    ).toBe(200);
  });
});

describe("sessions", () => {
  it("answers 401 to a request without a session", async () => {
    const response = await new Browser().get("/api/me");
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("makes the old cookie useless after sign-out", async () => {
    const person = await signUpPerson({ prefix: "signout" });
    const keptCookie = person.browser.copy();

    const response = await person.browser.post("/api/auth/sign-out");
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(/kiln_session=;.*Max-Age=0/);
    expect(person.browser.cookie("kiln_session")).toBeUndefined();

    expect((await keptCookie.get("/api/me")).status).toBe(401);
  });

  it("signs out every session of the user with sign-out-everywhere", async () => {
    const person = await signUpPerson({ prefix: "everywhere" });
    const laptop = new Browser();
    expect((await laptop.post("/api/auth/sign-in", { email: person.email, password: person.password })).status).toBe(
      200,
    );
    expect((await laptop.get("/api/me")).status).toBe(200);
    const keptCookie = person.browser.copy();

    const response = await person.browser.post("/api/auth/sign-out-everywhere");
    expect(response.status).toBe(200);
    expect(response.body.revoked).toBe(2);

    expect((await laptop.get("/api/me")).status).toBe(401);
    expect((await keptCookie.get("/api/me")).status).toBe(401);
  });

  it("a member removed from their current organization signs out with 200, and the old cookie no longer authenticates", async () => {
    const owner = await signUpPerson({ prefix: "remover" });
    const rep = await joinAs(owner.browser, "rep", "removed");
    const keptCookie = rep.browser.copy();
    expect((await owner.browser.delete(`/api/v1/members/${rep.userId}`)).status).toBeLessThan(300);

    const response = await rep.browser.post("/api/auth/sign-out");
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(/kiln_session=;.*Max-Age=0/);
    expect((await keptCookie.get("/api/me")).status).toBe(401);
  });

  it("a member removed from their current organization signs out everywhere with 200, and every old cookie stops working", async () => {
    const owner = await signUpPerson({ prefix: "remover" });
    const rep = await joinAs(owner.browser, "rep", "removedall");
    const laptop = new Browser();
    expect((await laptop.post("/api/auth/sign-in", { email: rep.email, password: rep.password })).status).toBe(200);
    expect((await owner.browser.delete(`/api/v1/members/${rep.userId}`)).status).toBeLessThan(300);

    const response = await rep.browser.post("/api/auth/sign-out-everywhere");
    expect(response.status).toBe(200);
    expect(response.body.revoked).toBe(2);
    expect((await laptop.get("/api/me")).status).toBe(401);
  });

  it("does not sign out other users' sessions with sign-out-everywhere", async () => {
    const alice = await signUpPerson({ prefix: "alice" });
    const bob = await signUpPerson({ prefix: "bob" });
    await alice.browser.post("/api/auth/sign-out-everywhere");
    expect((await bob.browser.get("/api/me")).status).toBe(200);
  });

  it("answers 401 once the session has expired in the database, though its JWT is still valid", async () => {
    const person = await signUpPerson({ prefix: "expired" });
    await withService((tx) =>
      tx.query("update public.user_sessions set expires_at = now() - interval '1 second' where user_id = $1", [
        person.userId,
      ]),
    );
    expect((await person.browser.get("/api/me")).status).toBe(401);
  });

  it("answers 401 to a garbage session cookie", async () => {
    expect((await new Browser({ kiln_session: "garbage" }).get("/api/me")).status).toBe(401);
    expect((await new Browser({ kiln_session: "a.b.c" }).get("/api/me")).status).toBe(401);
  });

  it("answers 401 to a session cookie that is not even valid percent-encoding", async () => {
    const response = await new Browser({ kiln_session: "%E0%A4%A" }).get("/api/me");
    expect(response.status).toBe(401);
  });

  it("still lets a browser with a broken session cookie sign in", async () => {
    const person = await signUpPerson({ prefix: "brokencookie" });
    const browser = new Browser({ kiln_session: "%" });
    const response = await browser.post("/api/auth/sign-in", { email: person.email, password: person.password });
    expect(response.status).toBe(200);
  });

  it("answers 401 to a session token signed with another secret, even for a real session", async () => {
    const person = await signUpPerson({ prefix: "forged" });
    const realToken = person.browser.cookie("kiln_session")!;
    const claims = JSON.parse(Buffer.from(realToken.split(".")[1]!, "base64url").toString("utf8"));
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .sign(new TextEncoder().encode("not-the-server-secret-0123456789abcdef"));
    expect((await new Browser({ kiln_session: forged }).get("/api/me")).status).toBe(401);
  });

  it("answers 401 to an unsigned (alg none) token naming a real session", async () => {
    const person = await signUpPerson({ prefix: "algnone" });
    const [, payload] = person.browser.cookie("kiln_session")!.split(".");
    const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    expect((await new Browser({ kiln_session: `${header}.${payload}.` }).get("/api/me")).status).toBe(401);
  });

  it("refuses a cookie-authenticated POST from a foreign Origin with 403 and changes nothing", async () => {
    const person = await signUpPerson({ prefix: "csrf" });
    const before = (await person.browser.get("/api/v1/organization")).body.organization.name;

    const rename = await person.browser.patch(
      "/api/v1/organization",
      { name: "Hijacked" },
      { origin: "https://evil.example" },
    );
    expect(rename.status).toBe(403);
    expect(rename.body.detail).toBe("Cross-site requests are not allowed.");
    const create = await person.browser.post(
      "/api/v1/organizations",
      { name: "Hijacked Org" },
      { origin: "https://evil.example" },
    );
    expect(create.status).toBe(403);
    const signOut = await person.browser.post("/api/auth/sign-out-everywhere", undefined, {
      origin: "https://evil.example",
    });
    expect(signOut.status).toBe(403);

    expect((await person.browser.get("/api/v1/organization")).body.organization.name).toBe(before);
    expect((await person.browser.get("/api/me")).body.memberships).toHaveLength(1);
  });

  it("refuses a cookie-authenticated POST without any Origin header", async () => {
    const person = await signUpPerson({ prefix: "noorigin" });
    const response = await person.browser.patch("/api/v1/profile", { fullName: "Changed" }, { origin: null });
    expect(response.status).toBe(403);
    expect((await person.browser.get("/api/me")).body.user.fullName).toBe(person.fullName);
  });

  it("lets a person rename themselves", async () => {
    const person = await signUpPerson({ prefix: "rename" });
    expect((await person.browser.patch("/api/v1/profile", { fullName: "  New Name  " })).status).toBe(200);
    expect((await person.browser.get("/api/me")).body.user.fullName).toBe("New Name");
  });
});

describe("password change", () => {
  it("requires the current password: a wrong one is 422 on currentPassword and changes nothing", async () => {
    const person = await signUpPerson({ prefix: "pwchange" });
    const response = await person.browser.patch("/api/auth/password", {
      currentPassword: "not-my-password",
      newPassword: "brand-new-password",
    });
    expect(response.status).toBe(422);
    expect(response.errors?.currentPassword).toEqual(["That is not your current password."]);
    expect(
      (await new Browser().post("/api/auth/sign-in", { email: person.email, password: person.password })).status,
    ).toBe(200);
    expect(
      (await new Browser().post("/api/auth/sign-in", { email: person.email, password: "brand-new-password" })).status,
    ).toBe(401);
  });

  it("refuses a new password equal to the current one", async () => {
    const person = await signUpPerson({ prefix: "samepw" });
    const response = await person.browser.patch("/api/auth/password", {
      currentPassword: person.password,
      newPassword: person.password,
    });
    expect(response.status).toBe(422);
    expect(response.errors?.newPassword).toBeDefined();
  });

  it("needs a signed-in user", async () => {
    const response = await new Browser().patch("/api/auth/password", {
      currentPassword: PASSWORD,
      newPassword: "brand-new-password",
    });
    expect(response.status).toBe(401);
  });

  it("sets the new password, keeps this session and signs out every other session", async () => {
    const person = await signUpPerson({ prefix: "pwrotate" });
    const phone = new Browser();
    expect((await phone.post("/api/auth/sign-in", { email: person.email, password: person.password })).status).toBe(
      200,
    );

    const response = await person.browser.patch("/api/auth/password", {
      currentPassword: person.password,
      newPassword: "brand-new-password",
    });
    expect(response.status).toBe(200);

    expect((await person.browser.get("/api/me")).status).toBe(200);
    expect((await phone.get("/api/me")).status).toBe(401);
    expect(
      (await new Browser().post("/api/auth/sign-in", { email: person.email, password: person.password })).status,
    ).toBe(401);
    expect(
      (await new Browser().post("/api/auth/sign-in", { email: person.email, password: "brand-new-password" })).status,
    ).toBe(200);
  });
});

describe("password reset", () => {
  it("emails the link and never returns it; the link sets a new password once, signs out every session, and the old password stops working", async () => {
    const person = await signUpPerson({ prefix: "reset" });

    const request = await new Browser().post("/api/auth/password-reset", { email: person.email });
    expect(request.status).toBe(202);
    expect(request.body).toEqual({ ok: true });
    const token = await linkToken(person.email, "/reset-password");

    const confirm = await new Browser().post("/api/auth/password-reset/confirm", {
      token,
      newPassword: "reset-password-456",
    });
    expect(confirm.status).toBe(200);

    const reuse = await new Browser().post("/api/auth/password-reset/confirm", {
      token,
      newPassword: "another-password-789",
    });
    expect(reuse.status).toBe(410);

    expect((await person.browser.get("/api/me")).status).toBe(401);
    expect(
      (await new Browser().post("/api/auth/sign-in", { email: person.email, password: person.password })).status,
    ).toBe(401);
    expect(
      (await new Browser().post("/api/auth/sign-in", { email: person.email, password: "another-password-789" })).status,
    ).toBe(401);
    expect(
      (await new Browser().post("/api/auth/sign-in", { email: person.email, password: "reset-password-456" })).status,
    ).toBe(200);
  });

  it("answers 202 for an unknown email too, with no link", async () => {
    const response = await new Browser().post("/api/auth/password-reset", { email: uniqueEmail("ghost") });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ ok: true });
  });

  it("answers 410 for an unknown reset token", async () => {
    const response = await new Browser().post("/api/auth/password-reset/confirm", {
      token: "x".repeat(43),
      newPassword: "reset-password-456",
    });
    expect(response.status).toBe(410);
  });

  it("answers 410 for an expired reset link and keeps the old password", async () => {
    const person = await signUpPerson({ prefix: "resetexpired" });
    expect((await new Browser().post("/api/auth/password-reset", { email: person.email })).status).toBe(202);
    const token = await linkToken(person.email, "/reset-password");
    await withService((tx) =>
      tx.query("update public.password_reset_tokens set expires_at = now() - interval '1 minute' where user_id = $1", [
        person.userId,
      ]),
    );
    const confirm = await new Browser().post("/api/auth/password-reset/confirm", {
      token,
      newPassword: "reset-password-456",
    });
    expect(confirm.status).toBe(410);
    expect(
      (await new Browser().post("/api/auth/sign-in", { email: person.email, password: person.password })).status,
    ).toBe(200);
  });

  it("a used reset link voids the user's other reset links", async () => {
    const person = await signUpPerson({ prefix: "resettwice" });
    await new Browser().post("/api/auth/password-reset", { email: person.email });
    const first = await linkToken(person.email, "/reset-password");
    await new Browser().post("/api/auth/password-reset", { email: person.email });
    const second = await linkToken(person.email, "/reset-password");
    expect(second).not.toBe(first);

    expect(
      (
        await new Browser().post("/api/auth/password-reset/confirm", {
          token: second,
          newPassword: "reset-password-456",
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await new Browser().post("/api/auth/password-reset/confirm", {
          token: first,
          newPassword: "attacker-password-1",
        })
      ).status,
    ).toBe(410);
    expect(
      (await new Browser().post("/api/auth/sign-in", { email: person.email, password: "reset-password-456" })).status,
    ).toBe(200);
  });

  it("a password change voids every reset link asked for before it", async () => {
    const person = await signUpPerson({ prefix: "resetthenchange" });
    await new Browser().post("/api/auth/password-reset", { email: person.email });
    const token = await linkToken(person.email, "/reset-password");
    expect(
      (
        await person.browser.patch("/api/auth/password", {
          currentPassword: person.password,
          newPassword: "changed-password-1",
        })
      ).status,
    ).toBe(200);

    expect(
      (await new Browser().post("/api/auth/password-reset/confirm", { token, newPassword: "attacker-password-1" }))
        .status,
    ).toBe(410);
    expect(
      (await new Browser().post("/api/auth/sign-in", { email: person.email, password: "changed-password-1" })).status,
    ).toBe(200);
  });

  it("a successful password reset clears the account's sign-in delay", async () => {
    const person = await signUpPerson({ prefix: "resetclears" });
    await failSignIns(person.email, ACCOUNT_FREE_FAILURES + 1);
    expect((await signInFrom(randomAddress(), person.email, person.password)).status).toBe(429);

    await new Browser().post("/api/auth/password-reset", { email: person.email });
    const token = await linkToken(person.email, "/reset-password");
    expect(
      (await new Browser().post("/api/auth/password-reset/confirm", { token, newPassword: "reset-password-456" }))
        .status,
    ).toBe(200);
    expect((await signInFrom(randomAddress(), person.email, "reset-password-456")).status).toBe(200);
  });

  it("limits reset emails to one address: past the limit 429 with Retry-After, whether or not the address has an account", async () => {
    for (const email of [(await signUpPerson({ prefix: "resetbomb" })).email, uniqueEmail("resetghost")]) {
      for (let i = 1; i <= RESETS_PER_EMAIL.max; i++) {
        expect((await new Browser().post("/api/auth/password-reset", { email })).status, `request ${i}`).toBe(202);
      }
      const refused = await new Browser().post("/api/auth/password-reset", { email });
      expect(refused.status).toBe(429);
      expect(retryAfterOf(refused)).toBeGreaterThan(0);
    }
  });

  it("validates the new password on confirm", async () => {
    const response = await new Browser().post("/api/auth/password-reset/confirm", {
      token: "x".repeat(43),
      newPassword: "short",
    });
    expect(response.status).toBe(422);
    expect(response.errors?.newPassword).toEqual(["Use at least 10 characters."]);
  });
});

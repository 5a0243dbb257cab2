import { describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import { signSessionToken, verifySessionToken } from "@/lib/auth/jwt";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { signUpSchema } from "@/lib/auth/schema";
import { hashToken, newLinkToken } from "@/lib/auth/tokens";

describe("session tokens", () => {
  const input = {
    userId: "0b6c8a50-6c43-4b8e-9d55-3f1d3d0f9e21",
    email: "nora@example.test",
    sessionId: "5c3f7f0e-8a7b-4c5d-9e6f-1a2b3c4d5e6f",
  };

  it("carry Supabase's claim shape plus the session id", async () => {
    const claims = await verifySessionToken(await signSessionToken(input));
    expect(claims).toMatchObject({
      sub: input.userId,
      email: input.email,
      role: "authenticated",
      session_id: input.sessionId,
    });
  });

  it("are rejected when forged with another key, tampered with or malformed", async () => {
    const forged = await new SignJWT({ role: "authenticated", session_id: input.sessionId })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(input.userId)
      .setIssuer("kiln")
      .setAudience("authenticated")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("x".repeat(48)));
    expect(await verifySessionToken(forged)).toBeNull();
    const token = await signSessionToken(input);
    const [h, , s] = token.split(".");
    const body = Buffer.from(JSON.stringify({ sub: "someone-else", role: "authenticated", session_id: "x" })).toString(
      "base64url",
    );
    expect(await verifySessionToken(`${h}.${body}.${s}`)).toBeNull();
    expect(await verifySessionToken("not.a.jwt")).toBeNull();
  });

  it("refuse the unsigned 'none' algorithm", async () => {
    const header = Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url");
    const payload = Buffer.from(
      JSON.stringify({
        sub: input.userId,
        role: "authenticated",
        session_id: input.sessionId,
        iss: "kiln",
        aud: "authenticated",
      }),
    ).toString("base64url");
    expect(await verifySessionToken(`${header}.${payload}.`)).toBeNull();
  });
});

describe("passwords", () => {
  it("are stored as bcrypt hashes that verify only the right password", async () => {
    const hash = await hashPassword("correct-horse-battery");
    expect(hash).toMatch(/^\$2[aby]\$/);
    expect(await verifyPassword("correct-horse-battery", hash)).toBe(true);
    expect(await verifyPassword("wrong-horse-battery", hash)).toBe(false);
    expect(await verifyPassword("anything", null)).toBe(false);
  });
});

describe("link tokens", () => {
  it("are random and stored only as their SHA-256", () => {
    const a = newLinkToken();
    expect(a).not.toBe(newLinkToken());
    expect(a.length).toBeGreaterThanOrEqual(40);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("sign-up input", () => {
  it("lower-cases the email and treats an empty organization name as none", () => {
    const parsed = signUpSchema.parse({
      fullName: " Nora ",
      email: "Nora@Example.TEST",
      password: "long-enough-pw",
      organizationName: "",
    });
    expect(parsed).toMatchObject({ fullName: "Nora", email: "nora@example.test", organizationName: undefined });
  });
  it("reports each bad field", () => {
    const result = signUpSchema.safeParse({ fullName: "", email: "nope", password: "short" });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["fullName", "email", "password"]));
  });
});

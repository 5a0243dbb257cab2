/**
 * How often the public auth endpoints may be used. The per-account delay for sign-in
 * lives in local.ts (it needs the failures themselves); these are the counters of
 * lib/http/rate-limit.ts. Numbers are meant for a real team's use with room to spare,
 * and to make password spraying and email bombing through our SMTP slow and visible.
 */
import { defineLimit } from "@/lib/http/rate-limit";

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/** Failed sign-ins from one client address (an office behind one NAT included). Successes are given back. */
export const SIGN_IN_FAILURES_PER_ADDRESS = defineLimit({
  scope: "sign-in:address",
  windowSeconds: 10 * MINUTE,
  max: 20,
  message: "limitSignInAddress",
});

/** Failed sign-ins across the installation: a spray from many addresses slows down as a whole. */
export const SIGN_IN_FAILURES_GLOBAL = defineLimit({
  scope: "sign-in:global",
  windowSeconds: 10 * MINUTE,
  max: 500,
  message: "limitSignInGlobal",
});

/** Sign-ups from one client address (each one sends an email). */
export const SIGN_UPS_PER_ADDRESS = defineLimit({
  scope: "sign-up:address",
  windowSeconds: HOUR,
  max: 10,
  message: "limitSignUpAddress",
});

/** Sign-up emails to one address, so nobody can flood someone's inbox through us. */
export const SIGN_UPS_PER_EMAIL = defineLimit({
  scope: "sign-up:email",
  windowSeconds: HOUR,
  max: 3,
  message: "limitSignUpEmail",
});

export const SIGN_UPS_GLOBAL = defineLimit({
  scope: "sign-up:global",
  windowSeconds: HOUR,
  max: 1000,
  message: "limitSignUpGlobal",
});

/** Reset requests from one client address. */
export const RESETS_PER_ADDRESS = defineLimit({
  scope: "password-reset:address",
  windowSeconds: HOUR,
  max: 10,
  message: "limitResetAddress",
});

/** Reset emails to one address. */
export const RESETS_PER_EMAIL = defineLimit({
  scope: "password-reset:email",
  windowSeconds: HOUR,
  max: 3,
  message: "limitResetEmail",
});

export const RESETS_GLOBAL = defineLimit({
  scope: "password-reset:global",
  windowSeconds: HOUR,
  max: 500,
  message: "limitResetGlobal",
});

/** The key of limits that count the whole installation. */
export const EVERYONE = "all";

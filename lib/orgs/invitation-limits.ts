/**
 * Invitations send email with an organization name the inviter chose, so unlimited they
 * would let anyone who signs up relay phishing through the operator's SMTP. A real team
 * invites a handful of people at a time.
 */
import { defineLimit } from "@/lib/http/rate-limit";

export const INVITATIONS_PER_ORGANIZATION = defineLimit({
  scope: "invitations:organization",
  windowSeconds: 60 * 60,
  max: 30,
  message: "limitInvitationsOrganization",
});

/** Invitations to one address, from any organization. */
export const INVITATIONS_PER_EMAIL = defineLimit({
  scope: "invitations:email",
  windowSeconds: 24 * 60 * 60,
  max: 5,
  message: "limitInvitationsEmail",
});

/**
 * Each organization's inbound-email secret (public.email_inbound_secrets; this module is its
 * only writer): the key a mail provider's forwarding signs deliveries to
 * POST /api/webhooks/email/inbound with. Stored only sealed (AES-256-GCM, associated data
 * naming the organization, so a value copied into another row does not open); admins read and
 * rotate it under RLS through private functions that check their role; the webhook opens it
 * with the service role after reading the organization from the URL.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit";
import { open, seal } from "@/lib/crypto/secret-box";
import { withService, type Tx } from "@/lib/db";
import { env } from "@/lib/env";

const aad = (orgId: string) => `email_inbound_secrets:${orgId}`;
const sealFor = (orgId: string, secret: string) => seal(secret, env().ENCRYPTION_KEY, aad(orgId));
const openFor = (orgId: string, sealed: string) => open(sealed, env().ENCRYPTION_KEY, aad(orgId));

/** A new secret: 32 random bytes, prefixed so a leaked one is recognisable in a scan. */
const newSecret = () => `kiln_email_${randomBytes(32).toString("base64url")}`;

export type InboundEmailSecret = { secret: string; rotatedAt: Date };

async function rotatedAt(tx: Tx, orgId: string): Promise<Date> {
  const { rows } = await tx.query<{ rotated_at: Date }>(
    "select rotated_at from public.email_inbound_secrets where org_id = $1",
    [orgId],
  );
  return rows[0]?.rotated_at ?? new Date();
}

/**
 * The organization's secret for an admin (under RLS: the database refuses anyone else),
 * created on first sight so Settings always has one to show.
 */
export async function inboundEmailSecret(tx: Tx, orgId: string): Promise<InboundEmailSecret> {
  const { rows } = await tx.query<{ sealed: string | null }>("select private.email_inbound_secret($1) as sealed", [
    orgId,
  ]);
  let sealed = rows[0]?.sealed ?? null;
  if (!sealed) {
    const { rows: set } = await tx.query<{ sealed: string }>(
      "select private.set_email_inbound_secret($1, $2, true) as sealed",
      [orgId, sealFor(orgId, newSecret())],
    );
    sealed = set[0]!.sealed;
  }
  return { secret: openFor(orgId, sealed), rotatedAt: await rotatedAt(tx, orgId) };
}

/** Replaces the secret (an admin, under RLS); deliveries signed with the old one are refused from now on. */
export async function rotateInboundEmailSecret(tx: Tx, actorId: string, orgId: string): Promise<InboundEmailSecret> {
  const { rows } = await tx.query<{ sealed: string }>(
    "select private.set_email_inbound_secret($1, $2, false) as sealed",
    [orgId, sealFor(orgId, newSecret())],
  );
  await recordAudit(tx, {
    orgId,
    actorId,
    action: "channel.email_secret_rotated",
    targetType: "organization",
    targetId: orgId,
  });
  return { secret: openFor(orgId, rows[0]!.sealed), rotatedAt: await rotatedAt(tx, orgId) };
}

/** For the webhook (service role): the organization's secret, or null when it has none (refused). */
export async function inboundEmailSecretForWebhook(orgId: string): Promise<string | null> {
  const sealed = await withService(async (tx) => {
    const { rows } = await tx.query<{ sealed: string | null }>("select private.email_inbound_secret($1) as sealed", [
      orgId,
    ]);
    return rows[0]?.sealed ?? null;
  });
  return sealed ? openFor(orgId, sealed) : null;
}

/**
 * A shared mailbox's own mail servers (public.mailbox_credentials; this module is its only
 * writer): IMAP to read it, SMTP to send from it. Passwords are sealed here (AES-256-GCM with
 * ENCRYPTION_KEY, associated data naming the channel and the side, so a value copied into
 * another row or the other side does not open) and opened only on the server, for the poll,
 * the sender and "test connection"; the browser learns only that one is set.
 *
 * Admins write under RLS (the database checks their role and sets the organization from the
 * channel); the poll and the sender read with the service role after choosing the mailbox.
 */
import "server-only";
import { recordAudit } from "@/lib/audit";
import { open, seal } from "@/lib/crypto/secret-box";
import { withService, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { invalid, notFound } from "@/lib/http/errors";
import type { MailErrorKind } from "./mailbox-connect";
import type { MailboxCredentialsInput } from "./schema";

type Side = "imap" | "smtp";
const aad = (channelId: string, side: Side) => `mailbox_credentials:${channelId}:${side}`;
const sealFor = (channelId: string, side: Side, password: string) =>
  seal(password, env().ENCRYPTION_KEY, aad(channelId, side));
const openFor = (channelId: string, side: Side, sealed: string) =>
  open(sealed, env().ENCRYPTION_KEY, aad(channelId, side));

export type ImapConfig = { host: string; port: number; tls: boolean; user: string; password: string; folder: string };
export type SmtpConfig = {
  host: string;
  port: number;
  security: "tls" | "starttls" | "none";
  user: string;
  password: string;
};

/** What Settings shows an admin: everything but the passwords, and how the last poll went. */
export type MailboxConnection = {
  channelId: string;
  imap: { host: string; port: number; tls: boolean; user: string; folder: string; passwordSet: true } | null;
  smtp: { host: string; port: number; security: SmtpConfig["security"]; user: string; passwordSet: true } | null;
  lastPolledAt: Date | null;
  lastOkAt: Date | null;
  lastErrorKind: MailErrorKind | null;
};

type ViewRow = {
  channel_id: string;
  imap_host: string | null;
  imap_port: number | null;
  imap_tls: boolean;
  imap_user: string | null;
  imap_folder: string;
  smtp_host: string | null;
  smtp_port: number | null;
  smtp_security: SmtpConfig["security"] | null;
  smtp_user: string | null;
  imap_last_polled_at: Date | null;
  imap_last_ok_at: Date | null;
  imap_last_error_kind: MailErrorKind | null;
};

// Never the sealed columns: `authenticated` may not select them, and the browser must not see them.
const VIEW_COLUMNS = `channel_id, imap_host, imap_port, imap_tls, imap_user, imap_folder,
  smtp_host, smtp_port, smtp_security, smtp_user, imap_last_polled_at, imap_last_ok_at, imap_last_error_kind`;

const viewOf = (r: ViewRow): MailboxConnection => ({
  channelId: r.channel_id,
  imap: r.imap_host
    ? {
        host: r.imap_host,
        port: r.imap_port!,
        tls: r.imap_tls,
        user: r.imap_user!,
        folder: r.imap_folder,
        passwordSet: true,
      }
    : null,
  smtp: r.smtp_host
    ? { host: r.smtp_host, port: r.smtp_port!, security: r.smtp_security!, user: r.smtp_user!, passwordSet: true }
    : null,
  lastPolledAt: r.imap_last_polled_at,
  lastOkAt: r.imap_last_ok_at,
  lastErrorKind: r.imap_last_error_kind,
});

/** The organization's connected mailboxes, for its admins (under RLS: others see none). */
export async function listMailboxConnections(tx: Tx, orgId: string): Promise<MailboxConnection[]> {
  const { rows } = await tx.query<ViewRow>(
    `select ${VIEW_COLUMNS} from public.mailbox_credentials where org_id = $1 order by created_at, channel_id`,
    [orgId],
  );
  return rows.map(viewOf);
}

export async function mailboxConnection(tx: Tx, orgId: string, channelId: string): Promise<MailboxConnection | null> {
  const { rows } = await tx.query<ViewRow>(
    `select ${VIEW_COLUMNS} from public.mailbox_credentials where org_id = $1 and channel_id = $2`,
    [orgId, channelId],
  );
  return rows[0] ? viewOf(rows[0]) : null;
}

async function assertMailbox(tx: Tx, orgId: string, channelId: string) {
  const { rows } = await tx.query(
    "select 1 from public.channels where id = $1 and org_id = $2 and provider = 'email'",
    [channelId, orgId],
  );
  if (!rows.length) throw notFound();
}

/**
 * Sets (or, with a side null, removes) a mailbox's servers. A side's password may be left out
 * when that side is already set: the stored one stays. Under RLS: only admins get this far.
 */
export async function saveMailboxCredentials(
  tx: Tx,
  actorId: string,
  orgId: string,
  channelId: string,
  input: MailboxCredentialsInput,
): Promise<MailboxConnection> {
  await assertMailbox(tx, orgId, channelId);
  const existing = await mailboxConnection(tx, orgId, channelId);
  const missing: Record<string, string[]> = {};
  if (input.imap && !input.imap.password && !existing?.imap) missing["imap.password"] = ["mailPasswordRequired"];
  if (input.smtp && !input.smtp.password && !existing?.smtp) missing["smtp.password"] = ["mailPasswordRequired"];
  if (Object.keys(missing).length) throw invalid(missing);

  const values: Record<string, unknown> = {
    imap_host: input.imap?.host ?? null,
    imap_port: input.imap?.port ?? null,
    imap_tls: input.imap?.tls ?? true,
    imap_user: input.imap?.user ?? null,
    imap_folder: input.imap?.folder ?? "INBOX",
    smtp_host: input.smtp?.host ?? null,
    smtp_port: input.smtp?.port ?? null,
    smtp_security: input.smtp?.security ?? null,
    smtp_user: input.smtp?.user ?? null,
    updated_by: actorId,
  };
  // Only a new password (or a removed side) touches the sealed column.
  if (!input.imap) values.imap_password_sealed = null;
  else if (input.imap.password) values.imap_password_sealed = sealFor(channelId, "imap", input.imap.password);
  if (!input.smtp) values.smtp_password_sealed = null;
  else if (input.smtp.password) values.smtp_password_sealed = sealFor(channelId, "smtp", input.smtp.password);

  const columns = Object.keys(values);
  const params = Object.values(values);
  if (existing) {
    await tx.query(
      `update public.mailbox_credentials set ${columns.map((c, i) => `${c} = $${i + 3}`).join(", ")}
        where channel_id = $1 and org_id = $2`,
      [channelId, orgId, ...params],
    );
  } else {
    await tx.query(
      `insert into public.mailbox_credentials (channel_id, org_id, ${columns.join(", ")})
       values ($1, $2, ${columns.map((_, i) => `$${i + 3}`).join(", ")})`,
      [channelId, orgId, ...params],
    );
  }
  await recordAudit(tx, {
    orgId,
    actorId,
    action: "channel.mailbox_servers_changed",
    targetType: "channel",
    targetId: channelId,
    metadata: { imap: input.imap ? input.imap.host : null, smtp: input.smtp ? input.smtp.host : null },
  });
  return (await mailboxConnection(tx, orgId, channelId))!;
}

/** Disconnects a mailbox from its servers; it goes back to the webhook and SMTP_URL (or the sandbox). */
export async function removeMailboxCredentials(
  tx: Tx,
  actorId: string,
  orgId: string,
  channelId: string,
): Promise<void> {
  await assertMailbox(tx, orgId, channelId);
  const { rowCount } = await tx.query("delete from public.mailbox_credentials where channel_id = $1 and org_id = $2", [
    channelId,
    orgId,
  ]);
  if (!rowCount) throw notFound();
  await recordAudit(tx, {
    orgId,
    actorId,
    action: "channel.mailbox_servers_removed",
    targetType: "channel",
    targetId: channelId,
  });
}

type SecretRow = {
  imap_host: string | null;
  imap_port: number | null;
  imap_tls: boolean;
  imap_user: string | null;
  imap_password_sealed: string | null;
  imap_folder: string;
  smtp_host: string | null;
  smtp_port: number | null;
  smtp_security: SmtpConfig["security"] | null;
  smtp_user: string | null;
  smtp_password_sealed: string | null;
};

const imapOf = (channelId: string, r: SecretRow): ImapConfig | null =>
  r.imap_host && r.imap_password_sealed
    ? {
        host: r.imap_host,
        port: r.imap_port!,
        tls: r.imap_tls,
        user: r.imap_user!,
        password: openFor(channelId, "imap", r.imap_password_sealed),
        folder: r.imap_folder,
      }
    : null;

const smtpOf = (channelId: string, r: SecretRow): SmtpConfig | null =>
  r.smtp_host && r.smtp_password_sealed
    ? {
        host: r.smtp_host,
        port: r.smtp_port!,
        security: r.smtp_security!,
        user: r.smtp_user!,
        password: openFor(channelId, "smtp", r.smtp_password_sealed),
      }
    : null;

/**
 * The opened servers of one mailbox of the organization (service role: the sealed columns are
 * server-only). Callers have already decided the caller may use them (an admin's test, the sender).
 */
export async function mailboxServers(
  orgId: string,
  channelId: string,
): Promise<{ imap: ImapConfig | null; smtp: SmtpConfig | null } | null> {
  const row = await withService(async (tx) => {
    const { rows } = await tx.query<SecretRow>(
      "select * from public.mailbox_credentials where channel_id = $1 and org_id = $2",
      [channelId, orgId],
    );
    return rows[0] ?? null;
  });
  return row ? { imap: imapOf(channelId, row), smtp: smtpOf(channelId, row) } : null;
}

/** One mailbox taken by a poll. */
export type ClaimedImapMailbox = {
  channelId: string;
  orgId: string;
  address: string;
  imap: ImapConfig;
  uidValidity: bigint | null;
  lastUid: number | null;
};

/** How long a poll may hold a mailbox before another may take it (a poll that died). */
const CLAIM = "10 minutes";
/** The schedule runs every minute; a mailbox polled less than this ago waits for the next. */
const FRESH = "50 seconds";

/**
 * Claims up to `limit` active mailboxes with IMAP, the least recently polled first; with `only`,
 * that one whenever it is not claimed ("poll now", tests).
 */
export async function claimImapMailboxes(limit: number, only?: { channelId: string }): Promise<ClaimedImapMailbox[]> {
  const rows = await withService(async (tx) => {
    const { rows } = await tx.query<
      SecretRow & {
        channel_id: string;
        org_id: string;
        address: string;
        imap_uid_validity: string | null;
        imap_last_uid: string | null;
      }
    >(
      `with due as (
         select m.channel_id from public.mailbox_credentials m join public.channels c on c.id = m.channel_id
          where m.imap_host is not null and c.active
            and (m.claimed_until is null or m.claimed_until < now())
            and case when $1::uuid is null then m.imap_last_polled_at is null or m.imap_last_polled_at < now() - interval '${FRESH}'
                     else m.channel_id = $1 end
          order by m.imap_last_polled_at nulls first
          limit $2
          for update of m skip locked)
       update public.mailbox_credentials m set claimed_until = now() + interval '${CLAIM}'
         from due, public.channels c
        where m.channel_id = due.channel_id and c.id = m.channel_id
       returning m.*, c.address`,
      [only?.channelId ?? null, limit],
    );
    return rows;
  });
  return rows.flatMap((r) => {
    const imap = imapOf(r.channel_id, r);
    return imap
      ? [
          {
            channelId: r.channel_id,
            orgId: r.org_id,
            address: r.address,
            imap,
            uidValidity: r.imap_uid_validity === null ? null : BigInt(r.imap_uid_validity),
            lastUid: r.imap_last_uid === null ? null : Number(r.imap_last_uid),
          },
        ]
      : [];
  });
}

export type PollOutcome =
  | { ok: true; uidValidity: bigint; lastUid: number | null }
  | { ok: false; kind: MailErrorKind; uidValidity?: bigint; lastUid?: number | null };

/**
 * Frees a claimed mailbox with how its poll went. A failed poll may still have read some
 * messages; their cursor is kept so the next poll does not read them again.
 */
export async function releaseImapMailbox(channelId: string, outcome: PollOutcome): Promise<void> {
  await withService((tx) =>
    tx.query(
      `update public.mailbox_credentials set claimed_until = null, imap_last_polled_at = now(),
              imap_uid_validity = coalesce($2::bigint, imap_uid_validity),
              imap_last_uid = case when $2::bigint is null then imap_last_uid else $3::bigint end,
              imap_last_ok_at = case when $4::text is null then now() else imap_last_ok_at end,
              imap_last_error_kind = $4
        where channel_id = $1`,
      [
        channelId,
        outcome.uidValidity === undefined ? null : outcome.uidValidity.toString(),
        outcome.lastUid ?? null,
        outcome.ok ? null : outcome.kind,
      ],
    ),
  );
}

/** Whether the mailbox's replies leave through its own SMTP server (members may ask; the servers stay hidden). */
export async function mailboxSendsItself(tx: Tx, channelId: string): Promise<boolean> {
  const { rows } = await tx.query<{ yes: boolean }>("select private.mailbox_sends_itself($1) as yes", [channelId]);
  return rows[0]?.yes ?? false;
}

/**
 * Which organization each number of the installation's own provider accounts belongs to.
 * Platform admins allocate (the platform API, through withService); an organization's admins
 * read their own allocations through RLS. Live inbound routing follows the allocation
 * (lib/inbox/ingest.ts), and a live channel can only be added for an allocated number.
 */
import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import type { Tx } from "@/lib/db";
import { conflict, notFound } from "@/lib/http/errors";
import { normalizePhone } from "@/lib/leads/phone";
import type { ChannelProvider } from "./schema";

export type { ChannelProvider };

/** The routing key of a channel's number: E.164 on Twilio, the phone number id on the Cloud API. */
export const allocationNumber = (channel: {
  provider: ChannelProvider;
  address: string;
  phoneNumberId?: string | null;
}) => (channel.provider === "whatsapp_cloud" ? (channel.phoneNumberId ?? "") : channel.address);

const numberOf = (provider: ChannelProvider, raw: string) =>
  provider === "twilio" ? normalizePhone(raw) : /^\d{5,32}$/.test(raw) ? raw : null;

/** `number` normalized per provider, or a field error saying what it should look like. */
const numberSchema = <T extends { provider: ChannelProvider; number: string }>(shape: z.ZodType<T, unknown>) =>
  shape.transform((value, ctx) => {
    const number = numberOf(value.provider, value.number);
    if (!number) {
      ctx.addIssue({
        code: "custom",
        path: ["number"],
        message: value.provider === "twilio" ? "channelNumberInvalid" : "cloudApiPhoneNumberIdInvalid",
      });
      return z.NEVER;
    }
    return { ...value, number };
  });

const providerNumber = {
  provider: z.enum(["twilio", "whatsapp_cloud"]),
  number: z.string().trim().min(1, "numberRequired").max(40),
};

export const allocationSchema = numberSchema(z.object({ orgId: z.uuid("organizationIdInvalid"), ...providerNumber }));
export type AllocationInput = z.infer<typeof allocationSchema>;

export const releaseSchema = numberSchema(z.object(providerNumber));

export type Allocation = {
  provider: ChannelProvider;
  number: string;
  orgId: string;
  organization: string;
  allocatedBy: string | null;
  createdAt: Date;
};

/** Platform admins only (the caller checks): every allocation of the installation. */
export async function listAllocations(
  tx: Tx,
  only?: { provider: ChannelProvider; number: string },
): Promise<Allocation[]> {
  const { rows } = await tx.query<Allocation>(
    `select a.provider, a.number, a.org_id as "orgId", o.name as organization, a.allocated_by as "allocatedBy", a.created_at as "createdAt"
       from public.number_allocations a join public.organizations o on o.id = a.org_id
      where $1::text is null or (a.provider = $1 and a.number = $2)
      order by o.name, a.provider, a.number`,
    [only?.provider ?? null, only?.number ?? null],
  );
  return rows;
}

/** Allocating a number again to the same organization changes nothing; another organization's number is a conflict. */
export async function allocateNumber(tx: Tx, actorId: string, input: AllocationInput): Promise<Allocation> {
  const { rows: orgs } = await tx.query("select 1 from public.organizations where id = $1", [input.orgId]);
  if (!orgs.length) throw notFound("organizationNotFound");
  const { rows } = await tx.query<{ org_id: string }>(
    `insert into public.number_allocations (provider, number, org_id, allocated_by) values ($1, $2, $3, $4)
     on conflict (provider, number) do update set provider = excluded.provider
     returning org_id`,
    [input.provider, input.number, input.orgId, actorId],
  );
  if (rows[0]!.org_id !== input.orgId) {
    throw conflict("numberAllocatedElsewhere", {
      number: ["allocatedElsewhere"],
    });
  }
  await recordAudit(tx, {
    orgId: input.orgId,
    actorId,
    action: "channel.number_allocated",
    metadata: { provider: input.provider, number: input.number },
  });
  return (await listAllocations(tx, { provider: input.provider, number: input.number }))[0]!;
}

/** Its channels stop receiving live traffic; they stay, with their conversations, until an admin removes them. */
export async function releaseNumber(tx: Tx, actorId: string, provider: ChannelProvider, number: string): Promise<void> {
  const { rows } = await tx.query<{ org_id: string }>(
    "delete from public.number_allocations where provider = $1 and number = $2 returning org_id",
    [provider, number],
  );
  if (!rows[0]) throw notFound("allocationNotFound");
  await recordAudit(tx, {
    orgId: rows[0].org_id,
    actorId,
    action: "channel.number_released",
    metadata: { provider, number },
  });
}

/** Through RLS: an organization's admins see only their own organization's allocations. */
export async function isAllocatedTo(
  tx: Tx,
  orgId: string,
  provider: ChannelProvider,
  number: string,
): Promise<boolean> {
  const { rows } = await tx.query(
    "select 1 from public.number_allocations where provider = $1 and number = $2 and org_id = $3",
    [provider, number, orgId],
  );
  return rows.length > 0;
}

/**
 * Demo data for the embedded database: two organizations whose people can sign in with
 * the password below (in development; see demoPasswords). Built through the same module
 * functions the app uses. Later modules add their own demo data here.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { actAs } from "@/lib/db";
import type { Driver, Tx } from "@/lib/db/types";
import { hashPassword } from "@/lib/auth/password";
import { insertAuthUser } from "@/lib/auth/users";
import type { Role } from "@/lib/auth/roles";
import { createInvitation } from "@/lib/orgs/invitations";
import { addMember } from "@/lib/orgs/members";
import { createOrganization } from "@/lib/orgs/organization";
import { createProject } from "@/lib/orgs/projects";
import { seedDemoLeads } from "./leads";
import { seedDemoInbox, type DemoChannel } from "./inbox";
import { seedDemoAgents } from "./agents";
import type { PlanName } from "@/lib/agents/types";
import { localProvider } from "@/lib/ai/providers/local";
import { seedDemoMeetings } from "./meetings";
import { settleDemoNotifications } from "./notifications";
import { seedDemoDeadLetter } from "./platform";
import { env, type Env } from "@/lib/env";
import { logger } from "@/lib/log";

/** Published in the README: development only, never given to an account in production. */
export const DEMO_PASSWORD = "kiln-demo-pass";

/**
 * Which password each demo account gets. An explicit KILN_DEMO_PASSWORD (the browser tests'
 * server) wins; otherwise development uses the published one, and production, where anyone
 * who read the README could sign in with it, a random one per account that the seed prints
 * once and stores nowhere but as a hash.
 */
export function demoPasswords(config: Pick<Env, "NODE_ENV" | "KILN_DEMO_PASSWORD">): {
  passwordFor: (email: string) => string;
  generated: boolean;
} {
  if (config.KILN_DEMO_PASSWORD) return { passwordFor: () => config.KILN_DEMO_PASSWORD!, generated: false };
  if (config.NODE_ENV !== "production") return { passwordFor: () => DEMO_PASSWORD, generated: false };
  return { passwordFor: () => randomBytes(18).toString("base64url"), generated: true };
}

type DemoOrg = {
  name: string;
  people: { email: string; fullName: string; role: Role }[];
  projects: { name: string; description: string }[];
  pendingInvites?: { email: string; role: Role }[];
  /** How many demo leads to create (lib/demo/leads.ts), and the PRNG seed that shapes them. */
  leads: { count: number; seed: number };
  /** Numbers and demo conversations with leads that have phones (lib/demo/inbox.ts). */
  inbox?: { channels: DemoChannel[]; conversations: number; seed: number };
  /** The plan, AI agents, a few pending drafts and (history) decided drafts in past threads (lib/demo/agents.ts). */
  agents?: { plan: PlanName; drafts: number; history?: boolean; schedulingUrl?: string };
  /** A week of Calendly meetings with its demo leads (lib/demo/meetings.ts). */
  meetings?: boolean;
};

type SeededOrg = {
  orgId: string;
  owner: { id: string; email: string; name: string };
  memberIds: string[];
  projectIds: string[];
};

export const DEMO_ORGS: DemoOrg[] = [
  {
    name: "Acme Solar",
    people: [
      { email: "owner@acme.test", fullName: "Olivia Hart", role: "owner" },
      { email: "admin@acme.test", fullName: "Adam Brooks", role: "admin" },
      { email: "manager@acme.test", fullName: "Maya Chen", role: "manager" },
      { email: "rep@acme.test", fullName: "Ravi Patel", role: "rep" },
    ],
    projects: [
      { name: "Residential rooftop", description: "Home solar installations in the Zurich and Basel regions." },
      { name: "Commercial storage", description: "Battery storage for warehouses and farms." },
    ],
    pendingInvites: [{ email: "lena.vogel@acme.test", role: "rep" }],
    leads: { count: 500, seed: 20261122 },
    inbox: {
      channels: [
        // One Twilio number can carry SMS and WhatsApp; the Cloud API number carries WhatsApp only.
        { provider: "twilio", address: "+14155550100", capabilities: ["sms", "whatsapp"], label: "Main line" },
        {
          provider: "whatsapp_cloud",
          address: "+14155550123",
          phoneNumberId: "109876543210",
          capabilities: ["whatsapp"],
          label: "WhatsApp Business",
        },
      ],
      conversations: 40,
      seed: 112026,
    },
    agents: { plan: "pro", drafts: 4, history: true, schedulingUrl: "https://calendly.com/acme-solar/site-visit" },
    meetings: true,
  },
  {
    name: "Globex",
    people: [{ email: "owner@globex.test", fullName: "Grace Lindqvist", role: "owner" }],
    projects: [{ name: "Pilot accounts", description: "First enterprise pilots." }],
    leads: { count: 36, seed: 4242 },
    inbox: {
      channels: [{ provider: "twilio", address: "+12125550100", capabilities: ["sms"], label: "Globex SMS" }],
      conversations: 0,
      seed: 4243,
    },
  },
];

async function seedOrg(tx: Tx, org: DemoOrg, passwordHashes: Map<string, string>): Promise<SeededOrg> {
  await actAs(tx, "service_role");
  const ids = new Map<string, string>();
  for (const person of org.people) {
    ids.set(
      person.email,
      await insertAuthUser(tx, {
        email: person.email,
        passwordHash: passwordHashes.get(person.email)!,
        fullName: person.fullName,
      }),
    );
  }
  const owner = org.people.find((p) => p.role === "owner")!;
  const ownerId = ids.get(owner.email)!;
  await actAs(tx, { sub: ownerId, email: owner.email, role: "authenticated" });
  const orgId = await createOrganization(tx, ownerId, org.name);

  await actAs(tx, "service_role");
  for (const person of org.people.filter((p) => p !== owner)) {
    await addMember(tx, orgId, ids.get(person.email)!, person.role);
  }
  await actAs(tx, { sub: ownerId, email: owner.email, role: "authenticated" });
  const projectIds: string[] = [];
  for (const project of org.projects) projectIds.push((await createProject(tx, ownerId, orgId, project)).id);
  for (const invite of org.pendingInvites ?? []) await createInvitation(tx, ownerId, orgId, invite.email, invite.role);
  return {
    orgId,
    owner: { id: ownerId, email: owner.email, name: owner.fullName },
    memberIds: [...ids.values()],
    projectIds,
  };
}

/** Leads with histories, created by the owner through lib/leads (see lib/demo/leads.ts). */
async function seedLeads(tx: Tx, org: DemoOrg, seeded: SeededOrg): Promise<void> {
  const { owner } = seeded;
  await actAs(tx, { sub: owner.id, email: owner.email, role: "authenticated" });
  await seedDemoLeads(tx, {
    orgId: seeded.orgId,
    actor: { type: "user", id: owner.id, name: owner.name },
    ownerIds: seeded.memberIds,
    projectIds: seeded.projectIds,
    count: org.leads.count,
    seed: org.leads.seed,
  });
}

export async function seed(
  driver: Driver,
  config: Pick<Env, "NODE_ENV" | "KILN_DEMO_PASSWORD"> = env(),
): Promise<void> {
  const { passwordFor, generated } = demoPasswords(config);
  const passwords = new Map(
    DEMO_ORGS.flatMap((org) => org.people.map((person) => [person.email, passwordFor(person.email)] as const)),
  );
  const hashes = new Map<string, string>();
  for (const [email, password] of passwords) hashes.set(email, await hashPassword(password));
  await driver.transaction(async (tx) => {
    const seeded: SeededOrg[] = [];
    for (const org of DEMO_ORGS) seeded.push(await seedOrg(tx, org, hashes));
    for (const [i, org] of DEMO_ORGS.entries()) await seedLeads(tx, org, seeded[i]!);
    for (const [i, org] of DEMO_ORGS.entries()) {
      if (org.inbox) await seedDemoInbox(tx, { orgId: seeded[i]!.orgId, createdBy: seeded[i]!.owner.id, ...org.inbox });
    }
    for (const [i, org] of DEMO_ORGS.entries()) {
      if (org.agents)
        await seedDemoAgents(tx, {
          orgId: seeded[i]!.orgId,
          createdBy: seeded[i]!.owner.id,
          provider: localProvider(),
          ...org.agents,
        });
    }
    for (const [i, org] of DEMO_ORGS.entries()) {
      if (org.meetings) await seedDemoMeetings(tx, { orgId: seeded[i]!.orgId });
    }
    // Last: everything above notified as it went; leave a few unread and send nothing.
    await settleDemoNotifications(tx, { orgIds: seeded.map((s) => s.orgId) });
    // One dead letter for the first organization: the error logs have an example to show.
    await seedDemoDeadLetter(tx, { orgId: seeded[0]!.orgId });
  });
  if (generated) {
    // In the message, not a field: the logger redacts `password` fields, and this is the only copy.
    const list = [...passwords].map(([email, password]) => `${email}: ${password}`).join(", ");
    logger.warn(`Demo accounts were created with generated passwords, shown only this once: ${list}`);
  }
}

/**
 * Demo data (accounts included) only when asked for with KILN_DEMO_SEED=true, or by default
 * on the embedded database of `npm run dev`; never by default in production or tests.
 */
export function seedsDemoData(config: Pick<Env, "KILN_DEMO_SEED" | "DATABASE_URL" | "NODE_ENV">): boolean {
  if (config.KILN_DEMO_SEED) return config.KILN_DEMO_SEED === "true";
  return !config.DATABASE_URL && config.NODE_ENV === "development";
}

/** On server start (instrumentation-node.ts): seeds an empty database when seedsDemoData says so. */
export async function seedOnStart(driver: Driver, config: Env = env()): Promise<void> {
  if (seedsDemoData(config) && (await seedIfEmpty(driver, config))) logger.info("demo data seeded");
}

/** Seeds only a database with no organizations at all; returns whether it did. */
export async function seedIfEmpty(
  driver: Driver,
  config: Pick<Env, "NODE_ENV" | "KILN_DEMO_PASSWORD"> = env(),
): Promise<boolean> {
  const empty = await driver.transaction(
    async (tx) => (await tx.query("select 1 from public.organizations limit 1")).rows.length === 0,
  );
  if (!empty) return false;
  await seed(driver, config);
  return true;
}

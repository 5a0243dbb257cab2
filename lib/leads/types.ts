import type { CamelRow } from "@/lib/db/types";
import type { BantStatus, HeatLevel } from "@/lib/scoring";
import type { LeadEventType, LeadSource, LeadStatus } from "./schema";

/** Who changed a lead: a user, an AI agent, the system (jobs) or a webhook. */
export type Actor =
  | { type: "user"; id: string; name: string }
  | { type: "agent"; id?: undefined; name: string }
  | { type: "system"; id?: undefined; name?: string }
  | { type: "webhook"; id?: undefined; name: string };

type LeadColumn =
  | "id"
  | "name"
  | "email"
  | "phone"
  | "company"
  | "title"
  | "tags"
  | "heatScore"
  | "bantScore"
  | "bantQualified"
  | "ownerId"
  | "projectId"
  | "lastActivityAt"
  | "createdAt"
  | "updatedAt"
  | "deletedAt";

/** A row of the leads list: columns read as stored (typed from the migrations), then the narrowed and joined fields. */
export type LeadListItem = Pick<CamelRow<"leads">, LeadColumn> & {
  status: LeadStatus;
  source: LeadSource;
  heatLevel: HeatLevel;
  heatOverridden: boolean;
  bantStatuses: { budget: BantStatus; authority: BantStatus; need: BantStatus; timeline: BantStatus };
  ownerName: string | null;
  projectName: string | null;
};

export type LeadEvent = {
  id: string;
  type: LeadEventType;
  actorType: Actor["type"];
  actorId: string | null;
  actorName: string | null;
  /** The entry's text in the reader's language: its free text as written, or rendered from reasonKey. */
  reason: string | null;
  /** What the text is rendered from (lib/leads/reasons.ts); null for free text typed by a person. */
  reasonKey: string | null;
  reasonParams: Record<string, unknown>;
  evidence: unknown;
  data: Record<string, unknown>;
  createdAt: Date;
};

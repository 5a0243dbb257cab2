import type { BantStatus, HeatLevel } from "@/lib/scoring";
import type { LeadSource, LeadStatus } from "./schema";

/** Who changed a lead: a user, an AI agent, the system (jobs) or a webhook. */
export type Actor =
  | { type: "user"; id: string; name: string }
  | { type: "agent"; id?: undefined; name: string }
  | { type: "system"; id?: undefined; name?: string }
  | { type: "webhook"; id?: undefined; name: string };

/** A row of the leads list. */
export type LeadListItem = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  title: string | null;
  status: LeadStatus;
  source: LeadSource;
  tags: string[];
  heatLevel: HeatLevel;
  heatScore: number;
  heatOverridden: boolean;
  bantStatuses: { budget: BantStatus; authority: BantStatus; need: BantStatus; timeline: BantStatus };
  bantScore: number;
  bantQualified: boolean;
  ownerId: string | null;
  ownerName: string | null;
  projectId: string | null;
  projectName: string | null;
  lastActivityAt: Date;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
};

export type LeadEvent = {
  id: string;
  type: string;
  actorType: Actor["type"];
  actorId: string | null;
  actorName: string | null;
  reason: string | null;
  evidence: unknown;
  data: Record<string, unknown>;
  createdAt: Date;
};

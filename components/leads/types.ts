import type { LeadDetail } from "@/lib/leads/queries";
import type { LeadEvent, LeadListItem } from "@/lib/leads/types";

/** What a value looks like after crossing the server → client boundary (dates become strings). */
export type Jsonified<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

export type LeadRow = Jsonified<LeadListItem>;
export type LeadData = Jsonified<LeadDetail>;
export type LeadEventRow = Jsonified<LeadEvent>;
export type LeadPageData = { leads: LeadRow[]; nextCursor: string | null; prevCursor: string | null };
export type EventsPage = { events: LeadEventRow[]; nextCursor: string | null };
export type MemberOption = { userId: string; name: string; role: string };
export type ProjectOption = { id: string; name: string };

/** Server values → plain JSON for client components. */
export const toJson = <T>(value: T): Jsonified<T> => JSON.parse(JSON.stringify(value));

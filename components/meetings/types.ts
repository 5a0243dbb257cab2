import type { Jsonified } from "@/components/leads/types";
import type { MeetingItem, MeetingPage } from "@/lib/meetings/queries";

export type MeetingRow = Jsonified<MeetingItem>;
export type MeetingPageData = Jsonified<MeetingPage>;

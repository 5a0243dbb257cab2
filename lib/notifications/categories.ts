import { z } from "zod";
import type { NotificationKind } from "./events";

/**
 * The rows of public.notification_categories (tests/integration/vocabularies.test.ts keeps them
 * equal; DEFAULT_CHANNELS below matches their default_* columns). Stable keys: stored in settings
 * and on every notification, so never renamed. The order is the order the UI lists them in.
 */
export const NOTIFICATION_CATEGORIES = [
  "lead_updates",
  "meeting_reminders",
  "bant_qualifications",
  "calendly_bookings",
  "heat_progressions",
  "approvals",
  "inbox_messages",
  "integrations",
  "response_times",
  "task_reminders",
] as const;
export type Category = (typeof NOTIFICATION_CATEGORIES)[number];
export const notificationCategorySchema = z.enum(NOTIFICATION_CATEGORIES, {
  error: "categoryInvalid",
});

export const CHANNELS = ["in_app", "email", "push", "sms"] as const;
export type Channel = (typeof CHANNELS)[number];
/** The channels that leave the app and go through the delivery jobs. */
export type OutOfAppChannel = Exclude<Channel, "in_app">;
export const OUT_OF_APP_CHANNELS: OutOfAppChannel[] = ["email", "push", "sms"];

export type ChannelSwitches = Record<Channel, boolean>;

const on = (email: boolean): ChannelSwitches => ({ in_app: true, email, push: false, sms: false });

/**
 * The defaults of the settings design. public.notification_categories holds the same table
 * (read through private.notification_channel_defaults(); a test keeps them equal): everything in
 * the app; by email what is worth leaving the app for; push and SMS only when chosen.
 */
export const DEFAULT_CHANNELS: Record<Category, ChannelSwitches> = {
  lead_updates: on(false),
  meeting_reminders: on(true),
  bant_qualifications: on(true),
  calendly_bookings: on(true),
  heat_progressions: on(false),
  approvals: on(true),
  inbox_messages: on(true),
  integrations: on(true),
  response_times: on(true),
  task_reminders: on(true),
};

/** Heat going up is a progression; a lead cooling down is an ordinary lead update. */
export function categoryOf(kind: NotificationKind, detail?: { heatRising?: boolean }): Category {
  switch (kind) {
    case "heat_changed":
      return detail?.heatRising === false ? "lead_updates" : "heat_progressions";
    case "bant_qualified":
      return "bant_qualifications";
    case "meeting_booked":
    case "meeting_canceled":
    case "meeting_rescheduled":
    case "meeting_no_show":
      return "calendly_bookings";
    case "meeting_reminder":
      return "meeting_reminders";
    case "approval_requested":
    case "approval_decided":
      return "approvals";
    case "inbound_message":
      return "inbox_messages";
    case "integration_failing":
      return "integrations";
    case "response_sla_breached":
      return "response_times";
    case "task_reminder":
      return "task_reminders";
  }
}

export const isCategory = (value: string): value is Category =>
  (NOTIFICATION_CATEGORIES as readonly string[]).includes(value);

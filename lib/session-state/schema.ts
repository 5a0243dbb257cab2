import { z } from "zod";
import { listConversationsQuerySchema } from "@/lib/inbox/schema";
import { LEAD_SORTS, listLeadsQuerySchema } from "@/lib/leads/schema";
import { DEVICE_ID_PATTERN } from "./device";

/**
 * The shape of `user_session_state` (see README.md). Used by the server (store.ts) and the
 * browser (the hooks that save a view), so both sides agree on every key. Stored documents are
 * read leniently (`readContext`, `readUiState`): a key since removed or a value no longer valid
 * is dropped, never an error.
 */

export const deviceIdSchema = z.string().regex(DEVICE_ID_PATTERN);
/** Days a device's state is kept after its last use (the migration's interval says the same). */
export const STATE_TTL_DAYS = 7;

/** The app pages whose view is remembered; "continue" opens the last one. */
export const REMEMBERED_PAGES = ["leads", "inbox", "approvals"] as const;
export type RememberedPage = (typeof REMEMBERED_PAGES)[number];

type Shape = Record<string, z.ZodType>;

/**
 * A view's filters as URL parameters (`{ heat: "hot,burning" }`): only `keys` of `shape`, each
 * value valid for its field there, so a restored view never carries a parameter the page refuses.
 */
function filtersOf(shape: Shape, keys: readonly string[]) {
  return z
    .record(z.string(), z.unknown())
    .transform((record) => {
      const out: Record<string, string> = {};
      for (const key of keys) {
        const value = record[key];
        if (typeof value !== "string" || !value || value.length > 500) continue;
        const field = shape[key];
        if (!field || field.safeParse(value).success) out[key] = value;
      }
      return out;
    })
    .default({});
}

const POSITION = new Set(["cursor", "direction", "limit", "sort", "deleted", "updatedSince"]);
const leadShape: Shape = listLeadsQuerySchema.shape;
/** The lead list's filter parameters (its URL keys minus sort, position and the trash). */
export const LEAD_FILTER_KEYS = Object.keys(leadShape).filter((key) => !POSITION.has(key));
const inboxShape: Shape = listConversationsQuerySchema.shape;
/** The inbox's list parameters (status tab and filters) without the position. */
export const INBOX_FILTER_KEYS = Object.keys(inboxShape).filter((key) => !POSITION.has(key));
/** The approvals queue's URL filters (components/approvals/types.ts FILTER_PARAMS). */
export const APPROVAL_FILTER_KEYS = ["status", "kind", "agent", "heat", "age"] as const;

/** A column key of the lead table; the browser keeps only the ones it knows (use-columns.ts). */
const columnKey = z.string().regex(/^[A-Za-z]{1,32}$/);

export const leadsContextSchema = z.object({
  filters: filtersOf(leadShape, LEAD_FILTER_KEYS),
  sort: z.enum(LEAD_SORTS).nullable().default(null),
  columns: z.array(columnKey).max(20).nullable().default(null),
});
export const inboxContextSchema = z.object({
  filters: filtersOf(inboxShape, INBOX_FILTER_KEYS),
  conversationId: z.uuid().nullable().default(null),
});
export const approvalsContextSchema = z.object({
  filters: filtersOf({ agent: z.uuid() }, APPROVAL_FILTER_KEYS),
});

export const currentContextSchema = z.object({
  orgId: z.uuid().nullable().default(null),
  /** The project last chosen (the lead list's project filter). */
  projectId: z.uuid().nullable().default(null),
  /** The remembered page the user was on last. */
  page: z.enum(REMEMBERED_PAGES).nullable().default(null),
  leads: leadsContextSchema.nullable().default(null),
  inbox: inboxContextSchema.nullable().default(null),
  approvals: approvalsContextSchema.nullable().default(null),
});
export type CurrentContext = z.infer<typeof currentContextSchema>;
export type LeadsContext = z.infer<typeof leadsContextSchema>;

/**
 * Panels that open and close, remembered per device: the inbox thread's lead panel beside it
 * (wide screens) and its AI suggestions panel. Both are open until the user closes them.
 */
export const UI_PANELS = ["inbox.leadPanel", "inbox.aiPanel"] as const;
/** Sections that collapse (expanded until collapsed): the lead list's heat counts and filters, a draft's findings. */
export const UI_SECTIONS = ["leads.heatCounts", "leads.filters", "approvals.findings"] as const;
/** Lists with more than one way to show them, and those ways (the first is the default). */
export const UI_VIEW_MODES = { "leads.table": ["comfortable", "compact"] } as const;
export type UiPanel = (typeof UI_PANELS)[number];
export type UiSection = (typeof UI_SECTIONS)[number];
export type UiViewModeKey = keyof typeof UI_VIEW_MODES;
export type UiViewMode<K extends UiViewModeKey> = (typeof UI_VIEW_MODES)[K][number];

/** The UI state: a closed record of known keys (anything else is dropped when read). */
export const uiStateSchema = z.object({
  /** The panels open; null until the user opens or closes one here, so every panel shows open. */
  openPanels: z.array(z.enum(UI_PANELS)).max(UI_PANELS.length).nullable().default(null),
  collapsedSections: z.array(z.enum(UI_SECTIONS)).max(UI_SECTIONS.length).default([]),
  viewModes: z
    .object({ "leads.table": z.enum(UI_VIEW_MODES["leads.table"]).optional() })
    .strip()
    .default({}),
});
export type UiState = z.infer<typeof uiStateSchema>;

export const EMPTY_CONTEXT: CurrentContext = currentContextSchema.parse({});
export const EMPTY_UI_STATE: UiState = uiStateSchema.parse({});

/** Each top-level field on its own: one bad part falls back to its default, the rest survives. */
function lenient<T extends z.ZodObject>(schema: T, raw: unknown): z.infer<T> {
  const source = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const parsed = field.safeParse(source[key]);
    out[key] = parsed.success ? parsed.data : field.parse(undefined);
  }
  return out as z.infer<T>;
}

export const readContext = (raw: unknown): CurrentContext => lenient(currentContextSchema, raw);
export const readUiState = (raw: unknown): UiState => lenient(uiStateSchema, raw);

/**
 * A partial document: only the keys given, each checked by its field's schema (zod's own
 * `.partial()` would fill the keys left out with their defaults, erasing them on save).
 */
function patchOf<T extends z.ZodObject>(schema: T) {
  const shape = schema.shape as Record<string, z.ZodType>;
  return z.record(z.string(), z.unknown()).transform((raw, ctx) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      const field = shape[key];
      if (!field) {
        ctx.addIssue({ code: "custom", path: [key], message: "unknownKey" });
        continue;
      }
      const parsed = field.safeParse(value);
      if (parsed.success) out[key] = parsed.data;
      else
        for (const issue of parsed.error.issues)
          ctx.addIssue({ code: "custom", path: [key, ...issue.path], message: issue.message });
    }
    return out as Partial<z.infer<T>>;
  });
}

/**
 * One batched write from the browser: the top-level parts given replace the stored ones (a
 * page's whole view at a time, so a cleared filter is really gone); parts left out stay.
 */
export const sessionStatePatchSchema = z
  .object({
    currentContext: patchOf(currentContextSchema).optional(),
    uiState: patchOf(uiStateSchema).optional(),
  })
  .strict();
/** What the browser sends: whole parts of the context or the UI state. */
export type SessionStatePatch = { currentContext?: Partial<CurrentContext>; uiState?: Partial<UiState> };
export type ParsedSessionStatePatch = z.output<typeof sessionStatePatchSchema>;

/** The API's answer: this device's state, and where the user left off elsewhere when this device has none. */
export type SessionStateAnswer = {
  state: { currentContext: CurrentContext; uiState: UiState; lastUsedAt: string } | null;
  offer: { currentContext: CurrentContext; uiState: UiState; lastUsedAt: string } | null;
};

/** The remembered view of `page` as its URL query (filters, sort, the open conversation); "" for none. */
export function viewQuery(context: CurrentContext, page: RememberedPage): string {
  const params = new URLSearchParams();
  const part = context[page];
  if (!part) return "";
  for (const [key, value] of Object.entries(part.filters)) params.set(key, value);
  if (page === "leads" && context.leads?.sort) params.set("sort", context.leads.sort);
  if (page === "inbox" && context.inbox?.conversationId) params.set("c", context.inbox.conversationId);
  return params.toString();
}

/** Where "continue where you left off" goes: the last remembered page with its view. */
export function continueHref(context: CurrentContext): string | null {
  if (!context.page) return null;
  const query = viewQuery(context, context.page);
  return `/${context.page}${query ? `?${query}` : ""}`;
}

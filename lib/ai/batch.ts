import { z } from "zod";
import { BANT_DIMENSIONS, type BantDimensionName, type BantStatus, type HeatLevel } from "@/lib/scoring/types";
import type { AgentBrief, AiProvider, DraftRequest, DraftResult, Intent } from "./types";

/** The compact reading of one message that `npm run ai:extract` prints and the eval compares. */
export type Extraction = {
  bant: Record<BantDimensionName, { status: BantStatus; value: string | null }>;
  intent: Intent;
  heat: HeatLevel;
  injection: boolean;
};

/** DraftResult → the four dimensions with status and value (null findings read as unknown). */
export function toExtraction(result: DraftResult): Extraction {
  const bant = Object.fromEntries(
    BANT_DIMENSIONS.map((d) => [
      d,
      { status: result.bant[d]?.status ?? "unknown", value: result.bant[d]?.value ?? null },
    ]),
  ) as Extraction["bant"];
  return { bant, intent: result.intent, heat: result.heat, injection: result.injection };
}

export const messageLineSchema = z.object({
  id: z.union([z.string().min(1).max(200), z.number()]),
  text: z.string().trim().min(1, "text must not be empty").max(10_000),
  lang: z.string().trim().min(2).max(35).optional(),
  now: z.iso.datetime({ offset: true }).optional(),
});
export type MessageLine = z.infer<typeof messageLineSchema>;

/** The agent a batch run drafts as: neutral, so the reading depends on the message alone. */
const BATCH_AGENT: Omit<AgentBrief, "language"> = {
  name: "Kiln assistant",
  role: "sales",
  personality: "Friendly, concise and precise.",
  business: "",
  objectives: "Qualify the lead with BANT and suggest a next step.",
  model: null,
  schedulingUrl: null,
};

/** A one-message DraftRequest for batch extraction and evaluation. */
export function requestForMessage(
  line: Pick<MessageLine, "text" | "lang" | "now">,
  fallbackNow = new Date(),
): DraftRequest {
  const now = line.now ? new Date(line.now).toISOString() : fallbackNow.toISOString();
  return {
    orgName: "Kiln",
    agent: { ...BATCH_AGENT, language: line.lang ?? "en" },
    lead: {
      name: null,
      company: null,
      heat: "cold",
      bant: { budget: unknown(), authority: unknown(), need: unknown(), timeline: unknown() },
    },
    channel: "email",
    history: [{ direction: "inbound", body: line.text, at: now }],
    now,
  };
}
const unknown = () => ({ status: "unknown" as const, value: null, evidence: null });

export type BatchReport = { processed: number; failed: number };

/**
 * Reads JSON lines `{"id","text","lang"?,"now"?}` and writes one extraction per line. A bad line is
 * reported with its line number and skipped; the run goes on.
 */
export async function runExtract(
  lines: AsyncIterable<string> | Iterable<string>,
  provider: AiProvider,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<BatchReport> {
  let lineNo = 0;
  let processed = 0;
  let failed = 0;
  for await (const raw of lines) {
    lineNo++;
    if (!raw.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      err(`line ${lineNo}: not valid JSON`);
      failed++;
      continue;
    }
    const parsed = messageLineSchema.safeParse(json);
    if (!parsed.success) {
      err(
        `line ${lineNo}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(line)"}: ${i.message}`).join("; ")}`,
      );
      failed++;
      continue;
    }
    const outcome = await provider.draft(requestForMessage(parsed.data));
    if (!outcome.ok) {
      err(`line ${lineNo}: ${outcome.reason}: ${outcome.detail.kind}`);
      failed++;
      continue;
    }
    out(JSON.stringify({ id: parsed.data.id, ...toExtraction(outcome.result) }));
    processed++;
  }
  return { processed, failed };
}

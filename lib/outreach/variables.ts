/**
 * A template's numbered variables ({{1}}, {{2}} …): which lead fact fills each, and the text
 * a lead reads once they are filled. Pure: the composer's preview and the sender use the same.
 */

/** Where a variable's value comes from; null: the person sending types it. */
export const VARIABLE_SOURCES = ["name", "firstName", "company", "owner", "meetingLink"] as const;
export type VariableSource = (typeof VARIABLE_SOURCES)[number];

export type TemplateVariable = { source: VariableSource | null; example: string };

/** What Kiln knows about a lead to fill variables with. */
export type LeadFacts = { name: string; company: string | null; owner: string | null; meetingLink: string | null };

const PLACEHOLDER = /\{\{\s*(\d{1,2})\s*\}\}/g;

/** The variable numbers a body uses, ascending and without repeats (WhatsApp numbers them 1…n). */
export function placeholders(body: string): number[] {
  const numbers = new Set<number>();
  for (const match of body.matchAll(PLACEHOLDER)) numbers.add(Number(match[1]));
  return [...numbers].sort((a, b) => a - b);
}

/** Whether the variables are numbered 1…n without gaps, as the providers require. */
export function numberedInOrder(body: string): boolean {
  return placeholders(body).every((n, i) => n === i + 1);
}

/** The body with {{n}} replaced by parameters[n-1]; a missing parameter leaves the placeholder. */
export function renderTemplate(body: string, parameters: readonly string[]): string {
  return body.replace(PLACEHOLDER, (whole, n: string) => parameters[Number(n) - 1] ?? whole);
}

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

/** The value of one source for a lead; "" when Kiln does not know it (the sender fills it in). */
export function factOf(source: VariableSource | null, lead: LeadFacts): string {
  switch (source) {
    case "name":
      return lead.name;
    case "firstName":
      return firstName(lead.name);
    case "company":
      return lead.company ?? "";
    case "owner":
      return lead.owner ?? "";
    case "meetingLink":
      return lead.meetingLink ?? "";
    default:
      return "";
  }
}

/** One parameter per variable of the body, filled from the lead where a source says how. */
export function fillParameters(body: string, variables: readonly TemplateVariable[], lead: LeadFacts): string[] {
  return placeholders(body).map((n) => factOf(variables[n - 1]?.source ?? null, lead));
}

/**
 * CSV export and import of leads.
 *
 * Export walks the list's filters in keyset batches of 1,000 (each batch its own short
 * RLS transaction, so a slow download holds no transaction open) and streams CSV rows.
 * Cells a spreadsheet would run as a formula (= + - @, tab, CR) get a leading apostrophe;
 * phones are the exception, as the database holds them in E.164 (`+` and digits only).
 *
 * Import is two requests: `previewImport` reads the file and suggests a mapping of its
 * columns to lead fields; `importLeads` receives the file again with the chosen mapping,
 * validates every row, and in one transaction creates the new leads and merges rows whose
 * email or phone matches an existing lead (fills its empty fields, adds tags). Importing
 * the same file twice creates nothing the second time.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import Papa from "papaparse";
import { z } from "zod";
import type { Claims, Tx } from "@/lib/db";
import { withRls } from "@/lib/db";
import { cappedBody, parseJsonText, readBodyText } from "@/lib/http/body";
import { HttpError, invalid, type Detail, type FieldErrors } from "@/lib/http/errors";
import { openMultipartFile } from "@/lib/http/multipart";
import { VALIDATION_PARSE } from "@/lib/http/validation";
import { problemResponse, problemTexts, type ProblemTexts } from "@/lib/http/problem";
import { fieldErrors } from "@/lib/http/route";
import { hasRole, type Role } from "@/lib/auth/roles";
import { translatorFor } from "@/lib/i18n/translator";
import { getOrganizationSettings } from "@/lib/orgs/settings";
import { insertLeadEvents } from "./events";
import { abandonImport, checkImportRows, completeImport, startImport, type ImportRun } from "./import-limits";
import { normalizePhone } from "./phone";
import { leadFilters } from "./queries";
import { leadFieldsSchema, LEAD_STATUSES, type ListLeadsQuery } from "./schema";
import type { Actor } from "./types";

/** Per file. The body is refused at the first byte past the cap, before it is all read. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;
export const EXPORT_BATCH = 1000;
export const IMPORT_BATCH = 500;
const PREVIEW_ROWS = 10;

// ---------------------------------------------------------------------------------------
// Export

export const EXPORT_COLUMNS = [
  "name",
  "email",
  "phone",
  "company",
  "title",
  "status",
  "source",
  "tags",
  "heat_level",
  "heat_score",
  "bant_score",
  "bant_qualified",
  "owner_email",
  "project",
  "last_activity_at",
  "created_at",
] as const;

type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], unknown> & { cursor_at: string; id: string };

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as text, with a leading apostrophe where a spreadsheet would see a formula. */
export function safeCell(value: unknown, column?: string): string {
  if (value === null || value === undefined) return "";
  const text = Array.isArray(value) ? value.join(", ") : value instanceof Date ? value.toISOString() : String(value);
  if (column === "phone" && /^\+[1-9][0-9]{6,14}$/.test(text)) return text;
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const csvLine = (cells: string[]) => `${Papa.unparse([cells], { newline: "\r\n" })}\r\n`;

/** One batch of the export, after `after` in (created_at desc, id desc) order. */
async function exportBatch(
  tx: Tx,
  orgId: string,
  userId: string,
  query: Partial<ListLeadsQuery>,
  after: { at: string; id: string } | null,
) {
  const { where, params } = leadFilters(orgId, userId, query);
  let keyset = "";
  if (after) {
    params.push(after.at, after.id);
    keyset = ` and (l.created_at, l.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
  }
  params.push(EXPORT_BATCH);
  const { rows } = await tx.query<ExportRow>(
    `select l.id, l.name, l.email, l.phone, l.company, l.title, l.status, l.source, l.tags, l.heat_level, l.heat_score,
            l.bant_score, l.bant_qualified, op.email as owner_email, p.name as project,
            l.last_activity_at, l.created_at, l.created_at::text as cursor_at
       from public.leads l
       left join public.profiles op on op.id = l.owner_id
       left join public.projects p on p.id = l.project_id
      where ${where}${keyset}
      order by l.created_at desc, l.id desc
      limit $${params.length}`,
    params,
  );
  return rows;
}

/**
 * The leads matching the list's filters as a CSV stream (UTF-8 with a BOM, so Excel reads
 * accents right). Sorted newest first by creation, which no edit can reorder mid-export.
 */
export function exportLeadsCsv(
  claims: Claims,
  orgId: string,
  userId: string,
  query: Partial<ListLeadsQuery>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: { at: string; id: string } | null = null;
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLine([...EXPORT_COLUMNS])}`));
    },
    async pull(controller) {
      if (done) return;
      const rows = await withRls(claims, (tx) => exportBatch(tx, orgId, userId, query, after));
      if (rows.length) {
        const text = rows.map((row) => csvLine(EXPORT_COLUMNS.map((column) => safeCell(row[column], column)))).join("");
        controller.enqueue(encoder.encode(text));
        const last = rows[rows.length - 1]!;
        after = { at: last.cursor_at, id: last.id };
      }
      if (rows.length < EXPORT_BATCH) {
        done = true;
        controller.close();
      }
    },
  });
}

export const exportFilename = (now = new Date()) => `leads-${now.toISOString().slice(0, 10)}.csv`;

// ---------------------------------------------------------------------------------------
// Reading an upload

export const IMPORT_FIELDS = [
  "name",
  "first_name",
  "last_name",
  "email",
  "phone",
  "company",
  "title",
  "status",
  "tags",
  "owner_email",
  "project",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** A refused file: its detail a `problems` key, its `file` error a `validation` key (both rendered for the caller). */
const refusedFile = (detail: Detail, fileError: string) =>
  new HttpError(422, "Unprocessable content", detail, { errors: { file: [fileError] } });

const notUtf8 = () => refusedFile("csvNotUtf8Text", "csvNotUtf8");

/**
 * The CSV as text arriving piece by piece, and the mapping sent with it (undefined when
 * none), known once the whole body is read: a multipart field may come after the file.
 */
export type Upload = { csv: ReadableStream<string>; mapping: () => Promise<unknown> };

/** Strict UTF-8 (a BOM is dropped): a byte that is not UTF-8 errors the stream, which becomes a 422. */
const decodeUtf8 = (bytes: ReadableStream<Uint8Array>) =>
  bytes.pipeThrough(new TextDecoderStream("utf-8", { fatal: true }) as TransformStream<Uint8Array, string>);

/** A mapping sent as a form field is JSON of one level: column → field. Anything deeper is refused before parsing. */
function mappingField(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return parseJsonText(raw, 1);
  } catch {
    throw invalid({ mapping: ["mappingNotJson"] });
  }
}

/**
 * A multipart upload as the browser sends it: a `file` part, parsed as it arrives, and a
 * `mapping` field before or after it. A bad mapping sent first is refused before the file is read.
 */
async function readMultipart(request: Request, limit: number): Promise<Upload> {
  const upload = await openMultipartFile(request, "file", limit);
  if (!upload) throw refusedFile("csvFileFieldMissing", "csvFileRequired");
  try {
    mappingField(upload.before.get("mapping"));
  } catch (error) {
    await upload.file.cancel();
    throw error;
  }
  return { csv: decodeUtf8(upload.file), mapping: async () => mappingField((await upload.fields()).get("mapping")) };
}

const given = (mapping: unknown) => () => Promise.resolve(mapping);

/**
 * Opens an upload of at most MAX_IMPORT_BYTES, refused (413) at the first byte past it.
 * text/csv and multipart/form-data (a `file` part and a `mapping` field, as the browser
 * sends it) are parsed as they arrive; JSON `{ csv, mapping }` is read whole first, within
 * the same cap, and then parsed as a stream.
 */
export async function readUpload(request: Request, limit = MAX_IMPORT_BYTES): Promise<Upload> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) return readMultipart(request, limit);
  if (type.startsWith("text/csv") || type.startsWith("text/plain") || type.startsWith("application/csv")) {
    return { csv: decodeUtf8(cappedBody(request, limit)), mapping: given(undefined) };
  }
  if (/^application\/([\w.+-]*\+)?json\b/.test(type)) {
    const parsed = z
      .object({ csv: z.string(), mapping: z.unknown().optional() })
      .safeParse(parseJsonText(await readBodyText(request, limit), 2), VALIDATION_PARSE);
    if (!parsed.success) throw invalid(parsed.error);
    const text = parsed.data.csv;
    return {
      csv: new ReadableStream({ start: (controller) => (controller.enqueue(text), controller.close()) }),
      mapping: given(parsed.data.mapping),
    };
  }
  throw new HttpError(415, "Unsupported media type", "sendCsv");
}

type Table = { headers: string[]; rows: string[][] };

const tooManyRows = () =>
  new HttpError(
    413,
    "Content too large",
    { key: "csvTooManyRows", values: { max: MAX_IMPORT_ROWS } },
    {
      errors: { file: ["csvRowsPerFile"] },
    },
  );

/**
 * Parses the CSV as it arrives, row by row, never holding the file's text whole: up to
 * `maxRows` data rows (then stops reading), or every row up to MAX_IMPORT_ROWS (413 beyond).
 * The first row must be a header row with distinct names.
 */
async function readTable(csv: ReadableStream<string>, maxRows?: number): Promise<Table> {
  const rows: string[][] = [];
  const input = Readable.fromWeb(csv as NodeReadableStream<string>);
  try {
    // Papa reads the stream chunk by chunk (its Node-stream duplex mode is far slower).
    await new Promise<void>((resolve, reject) => {
      let refused: HttpError | null = null;
      Papa.parse<string[]>(input as unknown as File, {
        header: false,
        skipEmptyLines: "greedy",
        chunk(results, parser) {
          rows.push(...results.data);
          if (maxRows !== undefined && rows.length > maxRows) parser.abort();
          else if (rows.length > MAX_IMPORT_ROWS + 1) {
            refused = tooManyRows();
            parser.abort();
          }
        },
        complete: () => (refused ? reject(refused) : resolve()),
        error: (error: unknown) => reject(error),
      });
    });
  } catch (error) {
    if (error instanceof HttpError) throw error;
    if ((error as { code?: string }).code === "ERR_ENCODING_INVALID_ENCODED_DATA") throw notUtf8();
    throw error;
  } finally {
    // Stops reading the upload once we have what we need (or have refused it).
    input.destroy();
  }
  if (maxRows !== undefined) rows.length = Math.min(rows.length, maxRows + 1);
  const [first, ...data] = rows;
  if (!first || !first.some((cell) => cell.trim())) throw refusedFile("csvEmptyFile", "csvEmpty");
  const headers = first.map((h) => h.trim());
  const dupes = headers.filter((h, i) => h && headers.indexOf(h) !== i);
  if (dupes.length)
    throw refusedFile(
      { key: "csvColumnNamedTwice", values: { columns: [...new Set(dupes)].join(", ") } },
      "csvDuplicateColumns",
    );
  return { headers, rows: data };
}

// ---------------------------------------------------------------------------------------
// Mapping

const SYNONYMS: Record<ImportField, string[]> = {
  name: ["name", "fullname", "contact", "contactname", "leadname", "person", "customer"],
  first_name: ["firstname", "first", "givenname", "forename", "vorname", "prenom"],
  last_name: ["lastname", "last", "surname", "familyname", "nachname", "nom"],
  email: ["email", "emailaddress", "mail", "emailadresse", "courriel"],
  phone: [
    "phone",
    "phonenumber",
    "mobile",
    "mobilephone",
    "tel",
    "telephone",
    "cell",
    "cellphone",
    "telefon",
    "handy",
    "whatsapp",
    "natel",
  ],
  company: ["company", "companyname", "organization", "organisation", "account", "firma", "unternehmen", "employer"],
  title: ["title", "jobtitle", "position", "role", "funktion"],
  status: ["status", "leadstatus", "stage"],
  tags: ["tags", "tag", "labels", "label"],
  owner_email: ["owner", "owneremail", "assignedto", "rep", "salesrep"],
  project: ["project", "projectname", "projekt"],
};

const normalizeHeader = (header: string) =>
  header
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]/g, "");

export function suggestMapping(headers: string[]): Record<string, ImportField | null> {
  const taken = new Set<ImportField>();
  const mapping: Record<string, ImportField | null> = {};
  for (const header of headers) {
    const key = normalizeHeader(header);
    const field = IMPORT_FIELDS.find((f) => !taken.has(f) && SYNONYMS[f].includes(key)) ?? null;
    if (field) taken.add(field);
    mapping[header] = field;
  }
  return mapping;
}

const looksLikeData = (cell: string) => /@|^\+?[\d\s()./-]{6,}$/.test(cell.trim());

/** Refuses a first row that is data rather than headers, and a mapping without a name. */
function requireHeaderRow(headers: string[]): void {
  if (headers.some(looksLikeData)) {
    throw refusedFile("csvFirstRowIsData", "csvHeaderRowMissing");
  }
}

// "" and null skip a column; anything else must be a field, or the issue lists the fields.
const mappingSchema = z.record(
  z.string(),
  z.preprocess((v) => (v === "" ? null : v), z.enum(IMPORT_FIELDS, { error: "mappingFieldInvalid" }).nullable()),
);

type Issue = z.core.$ZodIssue;

/** A mapping problem under `mapping` (or `mapping.<column>`): a `validation` key and its parameters. */
const mappingIssue = (column: string | null, message: string, params: Record<string, string> = {}): Issue => ({
  code: "custom",
  path: column === null ? ["mapping"] : ["mapping", column],
  message,
  params,
  input: undefined,
});

/**
 * Checks a mapping (a parsed JSON object of column → field); none means the suggested one.
 * Its errors are `validation` keys with parameters, rendered in the caller's language when
 * the problem is written; the lead fields they name are the import wizard's own labels
 * (`leads.import.fields`) in `locale`.
 */
export function parseMapping(value: unknown, headers: string[], locale?: string | null): Record<string, ImportField> {
  const parsed =
    value === undefined
      ? { success: true as const, data: suggestMapping(headers) }
      : mappingSchema.safeParse(value, VALIDATION_PARSE);
  if (!parsed.success)
    throw invalid(new z.ZodError(parsed.error.issues.map((issue) => ({ ...issue, path: ["mapping", ...issue.path] }))));
  const label = translatorFor(locale, "leads.import.fields");
  const mapping: Record<string, ImportField> = {};
  const used = new Set<string>();
  const issues: Issue[] = [];
  for (const [header, field] of Object.entries(parsed.data)) {
    if (!field) continue;
    if (!headers.includes(header)) issues.push(mappingIssue(header, "mappingColumnMissing", { column: header }));
    if (used.has(field))
      issues.push(mappingIssue(header, "mappingFieldTwice", { column: header, field: label(field) }));
    used.add(field);
    mapping[header] = field;
  }
  if (!used.has("name") && !used.has("first_name") && !used.has("last_name")) {
    issues.push(
      mappingIssue(null, "mappingNeedsName", {
        name: label("name"),
        firstName: label("first_name"),
        lastName: label("last_name"),
      }),
    );
  }
  if (issues.length) throw invalid(new z.ZodError(issues), "columnMappingInvalid");
  return mapping;
}

export type ImportPreview = {
  headers: string[];
  mapping: Record<string, ImportField | null>;
  rows: string[][];
  fields: readonly ImportField[];
};

/** Reads only the header and the first rows, then stops reading the upload. */
export async function previewImport(upload: Upload): Promise<ImportPreview> {
  const { headers, rows } = await readTable(upload.csv, PREVIEW_ROWS);
  requireHeaderRow(headers);
  const mapping = suggestMapping(headers);
  const mapped = new Set(Object.values(mapping));
  if (!mapped.has("name") && !mapped.has("first_name") && !mapped.has("last_name")) {
    throw refusedFile({ key: "csvNoNameColumn", values: { columns: headers.join(", ") } }, "csvNameColumnMissing");
  }
  return { headers, mapping, rows: rows.slice(0, PREVIEW_ROWS), fields: IMPORT_FIELDS };
}

// ---------------------------------------------------------------------------------------
// Import

export type ImportReport = {
  total: number;
  created: number;
  merged: number;
  skipped: number;
  errors: { row: number; errors: FieldErrors }[];
};
export type ImportProgress = { processed: number; total: number };

type Candidate = {
  row: number;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  title: string | null;
  status: string | undefined;
  tags: string[];
  ownerId: string | null | undefined;
  projectId: string | null | undefined;
};

type Existing = {
  id: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  title: string | null;
  tags: string[];
  deleted: boolean;
};

/** A cell we exported with a protective apostrophe comes back as its original text. */
const cellValue = (cell: string | undefined) => {
  const text = (cell ?? "").trim();
  return /^'[=+\-@]/.test(text) ? text.slice(1) : text;
};

const statusValue = (text: string) => {
  const key = text.toLowerCase().replace(/[\s-]+/g, "_");
  return (LEAD_STATUSES as readonly string[]).includes(key) ? key : text;
};

async function lookups(tx: Tx, orgId: string) {
  // One after another: a transaction is one connection, which runs one statement at a time.
  const { defaultCountry } = await getOrganizationSettings(tx, orgId);
  const members = await tx.query<{ id: string; email: string }>(
    "select m.user_id as id, lower(p.email) as email from public.memberships m join public.profiles p on p.id = m.user_id where m.org_id = $1",
    [orgId],
  );
  const projects = await tx.query<{ id: string; name: string }>(
    "select id, lower(name) as name from public.projects where org_id = $1",
    [orgId],
  );
  return {
    country: defaultCountry,
    members: new Map(members.rows.map((m) => [m.email, m.id])),
    projects: new Map(projects.rows.map((p) => [p.name, p.id])),
  };
}

/** Every row checked; the valid ones become candidates, the others a row report. */
function validateRows(
  table: Table,
  mapping: Record<string, ImportField>,
  ctx: Awaited<ReturnType<typeof lookups>> & { actorId: string; canAssign: boolean; texts: ProblemTexts },
) {
  const { problems, validation } = ctx.texts;
  const index = Object.entries(mapping).map(([header, field]) => [table.headers.indexOf(header), field] as const);
  const candidates: Candidate[] = [];
  const errors: ImportReport["errors"] = [];
  table.rows.forEach((cells, i) => {
    const row = i + 2; // the spreadsheet's row number: the header is row 1
    const raw: Partial<Record<ImportField, string>> = {};
    for (const [column, field] of index) raw[field] = cellValue(cells[column]);
    const rowErrors: FieldErrors = {};
    const name = raw.name || [raw.first_name, raw.last_name].filter(Boolean).join(" ");
    const parsed = leadFieldsSchema.safeParse(
      {
        name,
        email: raw.email || null,
        phone: raw.phone || null,
        company: raw.company || null,
        title: raw.title || null,
        status: raw.status ? statusValue(raw.status) : undefined,
        tags: raw.tags
          ? raw.tags
              .split(/[,;|]/)
              .map((t) => t.trim())
              .filter(Boolean)
          : [],
      },
      VALIDATION_PARSE,
    );
    if (!parsed.success) Object.assign(rowErrors, fieldErrors(parsed.error, validation));
    let phone: string | null = null;
    if (raw.phone) {
      phone = normalizePhone(raw.phone, ctx.country);
      if (!phone) (rowErrors.phone ??= []).push(validation("phoneWithCountryCode"));
    }
    let ownerId: string | null | undefined;
    if (raw.owner_email) {
      ownerId = ctx.members.get(raw.owner_email.toLowerCase()) ?? null;
      if (!ownerId) (rowErrors.owner_email ??= []).push(problems("emailNotAMember", { email: raw.owner_email }));
      else if (ownerId !== ctx.actorId && !ctx.canAssign)
        (rowErrors.owner_email ??= []).push(problems("assignNeedsManager"));
    }
    let projectId: string | null | undefined;
    if (raw.project) {
      projectId = ctx.projects.get(raw.project.toLowerCase()) ?? null;
      if (!projectId) (rowErrors.project ??= []).push(problems("noProjectNamed", { name: raw.project }));
    }
    if (Object.keys(rowErrors).length || !parsed.success) {
      errors.push({ row, errors: rowErrors });
      return;
    }
    const lead = parsed.data;
    candidates.push({
      row,
      name: lead.name,
      email: lead.email ?? null,
      phone,
      company: lead.company ?? null,
      title: lead.title ?? null,
      status: lead.status,
      tags: lead.tags ?? [],
      ownerId,
      projectId,
    });
  });
  return { candidates, errors };
}

/** Merged tags, at most 20 (the lead's own first). */
const unionTags = (a: string[], b: string[]) => [...new Set([...a, ...b])].slice(0, 20);

async function importBatch(
  tx: Tx,
  orgId: string,
  actor: Extract<Actor, { type: "user" }>,
  batch: Candidate[],
  known: Map<string, Existing>,
  report: ImportReport,
  texts: ProblemTexts,
): Promise<void> {
  // Existing leads this batch could match, locked for the merge.
  const keys = (c: Candidate) =>
    [c.email && `e:${c.email}`, c.phone && `p:${c.phone}`].filter((k): k is string => Boolean(k));
  const emails = batch.map((c) => c.email).filter((e): e is string => Boolean(e) && !known.has(`e:${e}`));
  const phones = batch.map((c) => c.phone).filter((p): p is string => Boolean(p) && !known.has(`p:${p}`));
  if (emails.length || phones.length) {
    const { rows } = await tx.query<Existing>(
      `select id, email, phone, company, title, tags, deleted_at is not null as deleted from public.leads
        where org_id = $1 and (email = any($2::text[]) or phone = any($3::text[])) for update`,
      [orgId, emails, phones],
    );
    for (const lead of rows) {
      if (lead.email) known.set(`e:${lead.email}`, lead);
      if (lead.phone) known.set(`p:${lead.phone}`, lead);
    }
  }

  const creates: (Candidate & { id: string })[] = [];
  const merges = new Map<string, { lead: Existing; rows: number[]; changed: Set<string> }>();
  for (const c of batch) {
    const matches = [
      ...new Set(
        keys(c)
          .map((k) => known.get(k))
          .filter((l): l is Existing => Boolean(l)),
      ),
    ];
    if (matches.length > 1) {
      report.errors.push({
        row: c.row,
        errors: { _: [texts.problems("importMatchesTwoLeads")] },
      });
      continue;
    }
    const lead = matches[0];
    if (lead?.deleted) {
      report.errors.push({
        row: c.row,
        errors: { _: [texts.problems("importMatchesDeletedLead")] },
      });
      continue;
    }
    if (!lead) {
      const id = randomUUID();
      creates.push({ ...c, id });
      const created: Existing = {
        id,
        email: c.email,
        phone: c.phone,
        company: c.company,
        title: c.title,
        tags: c.tags,
        deleted: false,
      };
      for (const k of keys(c)) known.set(k, created);
      continue;
    }
    // Merge: fill what the lead lacks, add tags; never overwrite.
    const merge = merges.get(lead.id) ?? { lead, rows: [], changed: new Set<string>() };
    merges.set(lead.id, merge);
    merge.rows.push(c.row);
    const fill = (field: "email" | "phone" | "company" | "title") => {
      const value = c[field];
      if (
        !lead[field] &&
        value &&
        !(field === "email" || field === "phone" ? known.has(`${field[0]}:${value}`) : false)
      ) {
        lead[field] = value;
        merge.changed.add(field);
        if (field === "email" || field === "phone") known.set(`${field[0]}:${value}`, lead);
      }
    };
    (["email", "phone", "company", "title"] as const).forEach(fill);
    const tags = unionTags(lead.tags, c.tags);
    if (tags.length !== lead.tags.length) {
      lead.tags = tags;
      merge.changed.add("tags");
    }
  }

  // Rows of this file that merged into a lead this same import creates update that new row.
  const createdIds = new Set(creates.map((c) => c.id));
  for (const [id, merge] of merges) {
    if (!createdIds.has(id)) continue;
    const target = creates.find((c) => c.id === id)!;
    Object.assign(target, {
      email: merge.lead.email,
      phone: merge.lead.phone,
      company: merge.lead.company,
      title: merge.lead.title,
      tags: merge.lead.tags,
    });
    merge.changed.clear();
  }

  if (creates.length) {
    const { rows } = await tx.query<{ id: string }>(
      `insert into public.leads (id, org_id, project_id, owner_id, name, email, phone, company, title, source, status, tags, created_by)
       select r.id, $1, r.project_id, r.owner_id, r.name, r.email, r.phone, r.company, r.title, 'import', coalesce(r.status, 'new'),
              coalesce(r.tags, '{}'), $2
         from jsonb_to_recordset($3::jsonb) as r(id uuid, project_id uuid, owner_id uuid, name text, email text, phone text,
                                                 company text, title text, status text, tags text[])
       on conflict do nothing
       returning id`,
      [
        orgId,
        actor.id,
        JSON.stringify(
          creates.map((c) => ({
            id: c.id,
            project_id: c.projectId ?? null,
            owner_id: c.ownerId ?? null,
            name: c.name,
            email: c.email,
            phone: c.phone,
            company: c.company,
            title: c.title,
            status: c.status ?? null,
            tags: c.tags,
          })),
        ),
      ],
    );
    const inserted = new Set(rows.map((r) => r.id));
    for (const c of creates) {
      if (inserted.has(c.id)) continue;
      // A lead this user cannot see (another rep's, or deleted) already has the email or phone.
      report.errors.push({
        row: c.row,
        errors: { _: [texts.problems("importMatchesHiddenLead")] },
      });
    }
    const done = creates.filter((c) => inserted.has(c.id));
    report.created += done.length;
    for (const [id, merge] of merges) if (createdIds.has(id) && inserted.has(id)) report.merged += merge.rows.length;
    if (done.length) {
      await insertLeadEvents(
        tx,
        done.map((c) => ({
          orgId,
          leadId: c.id,
          type: "created",
          actor,
          reasonKey: "imported_by",
          reasonParams: { name: actor.name },
          data: { source: "import", row: c.row },
        })),
      );
    }
  }

  const updates = [...merges.values()].filter((m) => !createdIds.has(m.lead.id));
  report.merged += updates.reduce((n, m) => n + m.rows.length, 0);
  const changed = updates.filter((m) => m.changed.size);
  if (changed.length) {
    await tx.query(
      `update public.leads l set email = r.email, phone = r.phone, company = r.company, title = r.title, tags = r.tags
         from jsonb_to_recordset($2::jsonb) as r(id uuid, email text, phone text, company text, title text, tags text[])
        where l.id = r.id and l.org_id = $1`,
      [
        orgId,
        JSON.stringify(
          changed.map(({ lead }) => ({
            id: lead.id,
            email: lead.email,
            phone: lead.phone,
            company: lead.company,
            title: lead.title,
            tags: lead.tags,
          })),
        ),
      ],
    );
    await insertLeadEvents(
      tx,
      changed.map((m) => ({
        orgId,
        leadId: m.lead.id,
        type: "updated",
        actor,
        reasonKey: "merged_from_import",
        reasonParams: { name: actor.name, fields: [...m.changed] },
        data: { source: "import", rows: m.rows, fields: [...m.changed] },
      })),
    );
  }
}

export type PreparedImport = { table: Table; mapping: Record<string, ImportField>; run: ImportRun };

/**
 * Claims the organization's import slot (429 while another import runs or past the daily
 * caps), then reads the file and checks the mapping (a missing one is the suggested one);
 * 4xx on either, and then the slot is released.
 */
export async function prepareImport(
  claims: Claims,
  orgId: string,
  actor: Extract<Actor, { type: "user" }>,
  request: Request,
  /** The caller's language, for the lead fields a mapping error names. */
  locale?: string | null,
): Promise<PreparedImport> {
  const run = await startImport(claims, orgId, actor.id);
  try {
    const upload = await readUpload(request);
    const table = await readTable(upload.csv);
    requireHeaderRow(table.headers);
    return { table, mapping: parseMapping(await upload.mapping(), table.headers, locale), run };
  } catch (error) {
    await abandonImport(claims, run, "refused");
    throw error;
  }
}

/**
 * Imports every valid row in one transaction, in batches of 500; reports per row.
 * `onProgress` is called after each batch (before the commit).
 */
export async function importLeads(
  claims: Claims,
  orgId: string,
  role: Role,
  actor: Extract<Actor, { type: "user" }>,
  { table, mapping, run }: PreparedImport,
  onProgress?: (progress: ImportProgress) => void,
  /** The report's row errors are written in the importer's language. */
  texts: ProblemTexts = problemTexts("en"),
): Promise<ImportReport> {
  try {
    return await importRows(claims, orgId, role, actor, table, mapping, run, onProgress, texts);
  } catch (error) {
    await abandonImport(claims, run, error instanceof HttpError && error.status === 429 ? "refused" : "failed");
    throw error;
  }
}

async function importRows(
  claims: Claims,
  orgId: string,
  role: Role,
  actor: Extract<Actor, { type: "user" }>,
  table: Table,
  mapping: Record<string, ImportField>,
  run: ImportRun,
  onProgress: ((progress: ImportProgress) => void) | undefined,
  texts: ProblemTexts,
): Promise<ImportReport> {
  return withRls(claims, async (tx) => {
    await checkImportRows(tx, run, table.rows.length);
    const ctx = await lookups(tx, orgId);
    const { candidates, errors } = validateRows(table, mapping, {
      ...ctx,
      actorId: actor.id,
      canAssign: hasRole(role, "manager"),
      texts,
    });
    const report: ImportReport = { total: table.rows.length, created: 0, merged: 0, skipped: 0, errors };
    const known = new Map<string, Existing>();
    onProgress?.({ processed: errors.length, total: table.rows.length });
    for (let i = 0; i < candidates.length; i += IMPORT_BATCH) {
      await importBatch(tx, orgId, actor, candidates.slice(i, i + IMPORT_BATCH), known, report, texts);
      onProgress?.({
        processed: errors.length + Math.min(i + IMPORT_BATCH, candidates.length),
        total: table.rows.length,
      });
    }
    report.errors.sort((a, b) => a.row - b.row);
    report.skipped = report.errors.length;
    await completeImport(tx, run, table.rows.length);
    return report;
  });
}

/**
 * NDJSON: `{ processed, total }` lines while importing, then `{ report }` (or `{ error }`, the
 * problem as problem+json would carry it, worded with `texts`: the headers were sent already).
 */
export function importLeadsStream(
  run: (onProgress: (p: ImportProgress) => void) => Promise<ImportReport>,
  texts: ProblemTexts = problemTexts("en"),
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const line = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
      try {
        const report = await run((progress) => line(progress));
        line({ report });
      } catch (error) {
        const http = error instanceof HttpError ? error : new HttpError(500, "Internal server error", "importFailed");
        line({ error: await problemResponse(http, undefined, texts).json() });
      }
      controller.close();
    },
  });
}

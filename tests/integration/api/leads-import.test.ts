import { randomUUID } from "node:crypto";
import Papa from "papaparse";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { withRls, withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { invalid } from "@/lib/http/errors";
import { problemTexts } from "@/lib/http/problem";
import { importLeadsStream, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/leads/csv";
import { DAILY_IMPORT_ROWS, DAILY_IMPORTS } from "@/lib/leads/import-limits";
import { translatorFor } from "@/lib/i18n/translator";
import { type Browser, signUpPerson, team, type Person } from "./http";

afterAll(() => closeDatabase());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Team = Awaited<ReturnType<typeof team>>;

const run = randomUUID().slice(0, 8);
const mail = (name: string) => `${name}-${run}@import.test`;

/** The file as a browser uploads it: multipart with `file`, plus `mapping` when given. */
function form(csv: string | Uint8Array<ArrayBuffer>, mapping?: Record<string, string | null>): FormData {
  const data = new FormData();
  data.set("file", new Blob([csv], { type: "text/csv" }), "leads.csv");
  if (mapping) data.set("mapping", JSON.stringify(mapping));
  return data;
}

const preview = (browser: Browser, csv: string | Uint8Array<ArrayBuffer>) =>
  browser.post("/api/v1/leads/import/preview", undefined, { rawBody: form(csv) });
const importCsv = (browser: Browser, csv: string, mapping?: Record<string, string | null>) =>
  browser.post("/api/v1/leads/import", undefined, { rawBody: form(csv, mapping) });

async function leadByEmail(browser: Browser, email: string): Promise<Json> {
  const page = (await browser.get(`/api/v1/leads?q=${encodeURIComponent(email)}`)).body;
  return page.leads.find((l: Json) => l.email === email);
}

describe("CSV import", () => {
  let t: Team;
  beforeAll(async () => {
    t = await team();
    await withService((tx) =>
      tx.query(`update public.organizations set settings = settings || '{"default_country": "CH"}' where id = $1`, [
        t.orgId,
      ]),
    );
  });

  describe("preview", () => {
    it("detects headers (BOM or not), suggests a mapping and shows the first 10 rows", async () => {
      const rows = Array.from(
        { length: 15 },
        (_, i) => `Person ${i},p${i}-${run}@import.test,079 000 00 ${String(i).padStart(2, "0")},Firma ${i}`,
      );
      const response = await preview(t.rep.browser, `\uFEFFFull Name,E-Mail,Mobile,Firma,Notes\n${rows.join("\n")}\n`);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body.headers).toEqual(["Full Name", "E-Mail", "Mobile", "Firma", "Notes"]);
      expect(response.body.mapping).toEqual({
        "Full Name": "name",
        "E-Mail": "email",
        Mobile: "phone",
        Firma: "company",
        Notes: null,
      });
      expect(response.body.rows).toHaveLength(10);
      expect(response.body.rows[0][0]).toBe("Person 0");
    });

    it("accepts a text/csv body too", async () => {
      const response = await t.rep.browser.post("/api/v1/leads/import/preview", undefined, {
        rawBody: "name,email\nAnna,a@b.ch\n",
        contentType: "text/csv",
      });
      expect(response.status).toBe(200);
      expect(response.body.mapping).toEqual({ name: "name", email: "email" });
    });

    it("a file that is not UTF-8 is a 422 that says so", async () => {
      const latin1 = new Uint8Array(Buffer.from("name,company\nJ\xfcrg M\xfcller,B\xe4ckerei\n", "latin1"));
      const response = await preview(t.rep.browser, latin1);
      expect(response.status).toBe(422);
      expect(response.body.detail).toMatch(/not UTF-8/);
    });

    it("a missing header row, or no name column, is a 422", async () => {
      const noHeader = await preview(t.rep.browser, "Anna Keller,anna@example.ch,+41791112233\n");
      expect(noHeader.status).toBe(422);
      expect(noHeader.body.detail).toMatch(/header row/);
      const noName = await preview(t.rep.browser, "email,phone\nanna@example.ch,+41791112233\n");
      expect(noName.status).toBe(422);
      expect(noName.body.detail).toMatch(/name/);
      expect((await preview(t.rep.browser, "")).status).toBe(422);
    });

    it("a refused file is explained in the caller's language, its `file` error with a stable code", async () => {
      const problems = translatorFor("de", "problems");
      const validation = translatorFor("de", "validation");
      expect((await t.rep.browser.patch("/api/v1/preferences", { interface: { language: "de" } })).status).toBe(200);
      try {
        const latin1 = new Uint8Array(Buffer.from("name,company\nJ\xfcrg M\xfcller,B\xe4ckerei\n", "latin1"));
        const cases: [string | Uint8Array<ArrayBuffer>, string, Record<string, string> | undefined, string][] = [
          [latin1, "csvNotUtf8Text", undefined, "csvNotUtf8"],
          ["", "csvEmptyFile", undefined, "csvEmpty"],
          ["name,email,name\nAnna,a@b.ch,Anna\n", "csvColumnNamedTwice", { columns: "name" }, "csvDuplicateColumns"],
          ["Anna Keller,anna@example.ch,+41791112233\n", "csvFirstRowIsData", undefined, "csvHeaderRowMissing"],
          [
            "email,phone\nanna@example.ch,+41791112233\n",
            "csvNoNameColumn",
            { columns: "email, phone" },
            "csvNameColumnMissing",
          ],
        ];
        for (const [csv, detail, values, field] of cases) {
          const response = await preview(t.rep.browser, csv);
          expect(response.status, detail).toBe(422);
          expect(response.body, detail).toMatchObject({
            detail: problems(detail, values),
            errors: { file: [validation(field)] },
            errorCodes: { file: [field] },
          });
        }

        const noFile = new FormData();
        noFile.set("mapping", "{}");
        const missing = await t.rep.browser.post("/api/v1/leads/import", undefined, { rawBody: noFile });
        expect(missing.status).toBe(422);
        expect(missing.body).toMatchObject({
          detail: problems("csvFileFieldMissing"),
          errors: { file: [validation("csvFileRequired")] },
        });
      } finally {
        await t.rep.browser.patch("/api/v1/preferences", { interface: { language: "en" } });
      }
    });

    it("a failed streamed import reports its problem worded for the caller, like a problem+json body", async () => {
      const german = problemTexts("de");
      const read = async (stream: ReadableStream<Uint8Array>) => JSON.parse(await new Response(stream).text());
      const refused = await read(
        importLeadsStream(() => Promise.reject(invalid({ file: ["csvEmpty"] }, "csvEmptyFile")), german),
      );
      expect(refused.error).toMatchObject({
        status: 422,
        detail: german.problems("csvEmptyFile"),
        errors: { file: [german.validation("csvEmpty")] },
        errorCodes: { file: ["csvEmpty"] },
      });
      const crashed = await read(importLeadsStream(() => Promise.reject(new Error("boom")), german));
      expect(crashed.error).toMatchObject({ status: 500, detail: german.problems("importFailed") });
      expect(crashed.error.detail).not.toContain("boom");
    });

    it("a 50 MB upload is a 413, refused at the cap without reading the rest of the body", async () => {
      const fiftyMegabytes = 50 * 1024 * 1024;
      // ~1 MB of wide rows, so the byte cap comes before the row cap.
      const chunk = new TextEncoder().encode(`Anna Keller,${"Keller Solar AG ".repeat(30)}\n`.repeat(2_000));
      const upload = () => {
        const stream = { pulled: 0, body: null as unknown as ReadableStream<Uint8Array> };
        stream.body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode("name,company\n"));
          },
          pull(controller) {
            if (stream.pulled >= fiftyMegabytes) return controller.close();
            stream.pulled += chunk.byteLength;
            controller.enqueue(chunk);
          },
        });
        return stream;
      };
      for (const path of ["/api/v1/leads/import/preview?x=1", "/api/v1/leads/import"]) {
        const stream = upload();
        const response = await t.rep.browser.post(path.replace("?x=1", ""), undefined, {
          rawBody: stream.body,
          contentType: "text/csv",
        });
        if (path.includes("preview")) {
          // A preview reads the header and ten rows, then stops reading.
          expect(response.status, path).toBe(200);
          expect(stream.pulled, path).toBeLessThanOrEqual(4 * chunk.byteLength);
        } else {
          expect(response.status, path).toBe(413);
          expect(stream.pulled, path).toBeLessThanOrEqual(MAX_IMPORT_BYTES + 4 * chunk.byteLength);
          expect(stream.pulled, path).toBeLessThan(fiftyMegabytes / 2);
        }
      }
      const multipart = await t.rep.browser.post("/api/v1/leads/import", undefined, {
        rawBody: form(new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61)),
      });
      expect(multipart.status).toBe(413);
      const declared = await t.rep.browser.post("/api/v1/leads/import", undefined, {
        rawBody: "name\nx\n",
        contentType: "text/csv",
        headers: { "content-length": String(fiftyMegabytes) },
      });
      expect(declared.status).toBe(413);
    });

    it("a 50 MB multipart upload is a 413, refused at the cap without reading the rest of the body", async () => {
      const fiftyMegabytes = 50 * 1024 * 1024;
      const boundary = `kiln-${run}`;
      const encode = (text: string) => new TextEncoder().encode(text);
      // ~1 MB of wide rows, so the byte cap comes before the row cap.
      const chunk = encode(`Anna Keller,${"Keller Solar AG ".repeat(30)}\n`.repeat(2_000));
      const upload = () => {
        const stream = { pulled: 0, body: null as unknown as ReadableStream<Uint8Array> };
        stream.body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(
              encode(
                `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="leads.csv"\r\ncontent-type: text/csv\r\n\r\nname,company\n`,
              ),
            );
          },
          pull(controller) {
            if (stream.pulled >= fiftyMegabytes) {
              controller.enqueue(encode(`\r\n--${boundary}--\r\n`));
              return controller.close();
            }
            stream.pulled += chunk.byteLength;
            controller.enqueue(chunk);
          },
        });
        return stream;
      };
      for (const path of ["/api/v1/leads/import/preview", "/api/v1/leads/import"]) {
        const stream = upload();
        const response = await t.rep.browser.post(path, undefined, {
          rawBody: stream.body,
          contentType: `multipart/form-data; boundary=${boundary}`,
        });
        if (path.endsWith("preview")) {
          // A preview reads the header and ten rows, then stops reading.
          expect(response.status, path).toBe(200);
          expect(response.body.rows, path).toHaveLength(10);
          expect(stream.pulled, path).toBeLessThanOrEqual(4 * chunk.byteLength);
        } else {
          expect(response.status, path).toBe(413);
          expect(stream.pulled, path).toBeLessThanOrEqual(MAX_IMPORT_BYTES + 4 * chunk.byteLength);
          expect(stream.pulled, path).toBeLessThan(fiftyMegabytes / 2);
        }
      }
    });

    it("the mapping field is read whether it comes before or after the file part, and a bad one sent first is refused", async () => {
      const csv = (who: string) => new Blob([`Kontakt,Mail\n${who},${mail(who)}\n`], { type: "text/csv" });
      const mapping = JSON.stringify({ Kontakt: "name", Mail: "email" });
      const after = new FormData();
      after.append("file", csv("after"), "leads.csv");
      after.append("mapping", mapping);
      const before = new FormData();
      before.append("mapping", mapping);
      before.append("file", csv("before"), "leads.csv");
      for (const data of [after, before]) {
        const response = await t.rep.browser.post("/api/v1/leads/import", undefined, { rawBody: data });
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        expect(response.body).toMatchObject({ created: 1, skipped: 0 });
      }
      expect((await leadByEmail(t.rep.browser, mail("after"))).name).toBe("after");
      expect((await leadByEmail(t.rep.browser, mail("before"))).name).toBe("before");

      const badFirst = new FormData();
      badFirst.append("mapping", "{not json");
      badFirst.append("file", csv("bad-first"), "leads.csv");
      const refused = await t.rep.browser.post("/api/v1/leads/import", undefined, { rawBody: badFirst });
      expect(refused.status).toBe(422);
      expect(refused.errors?.mapping).toBeDefined();
      const noFile = new FormData();
      noFile.append("mapping", mapping);
      noFile.append("file", "name\nNot A File\n");
      const missing = await t.rep.browser.post("/api/v1/leads/import", undefined, { rawBody: noFile });
      expect(missing.status).toBe(422);
      expect(missing.errors?.file).toBeDefined();
      const broken = await t.rep.browser.post("/api/v1/leads/import", undefined, {
        rawBody: `--x\r\ncontent-disposition: form-data; name="file"; filename="a.csv"\r\n\r\nname\nCut Off`,
        contentType: "multipart/form-data; boundary=x",
      });
      expect(broken.status).toBe(400);
      expect(broken.body.detail).toMatch(/multipart body could not be read/);
    });

    it("a mapping nested 10 000 levels deep is a 4xx, in a form field or a JSON body", async () => {
      const deep = `${'{"a":'.repeat(10_000)}"name"${"}".repeat(10_000)}`;
      const data = form("name,email\nAnna,anna@example.ch\n");
      data.set("mapping", deep);
      const field = await t.rep.browser.post("/api/v1/leads/import", undefined, { rawBody: data });
      expect(field.status).toBe(422);
      expect(field.errors?.mapping).toBeDefined();
      const json = await t.rep.browser.post("/api/v1/leads/import", undefined, {
        rawBody: `{"csv":"name\\nAnna\\n","mapping":${deep}}`,
      });
      expect(json.status).toBe(400);
      const valid = await t.rep.browser.post("/api/v1/leads/import", {
        csv: `name,email\nDeep Test,${mail("deep")}\n`,
        mapping: { name: "name", email: "email" },
      });
      expect(valid.status, JSON.stringify(valid.body)).toBe(200);
    });
  });

  describe("import", () => {
    it("imports with a mapping and reports every invalid row", async () => {
      const csv = [
        "Kontakt,Mail,Tel,Firma,Stand,Labels",
        `Anna Keller,${mail("anna")},079 123 45 01,Seeland AG,contacted,"rooftop, referral"`,
        `Beat Huber,not-an-email,079 123 45 02,,new,`,
        `Carla Roth,${mail("carla")},12,,new,`,
        `,${mail("nameless")},,,,`,
        `Dario Meier,${mail("dario")},,,hot,`,
        `Eva Graf,${mail("eva")},+41 79 123 45 06,,Meeting scheduled,battery`,
      ].join("\n");
      const mapping = {
        Kontakt: "name",
        Mail: "email",
        Tel: "phone",
        Firma: "company",
        Stand: "status",
        Labels: "tags",
      };
      const response = await importCsv(t.rep.browser, csv, mapping);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body).toMatchObject({ total: 6, created: 2, merged: 0, skipped: 4 });
      expect(response.body.errors.map((e: Json) => [e.row, Object.keys(e.errors)])).toEqual([
        [3, ["email"]],
        [4, ["phone"]],
        [5, ["name"]],
        [6, ["status"]],
      ]);
      const anna = await leadByEmail(t.rep.browser, mail("anna"));
      expect(anna).toMatchObject({
        name: "Anna Keller",
        phone: "+41791234501",
        company: "Seeland AG",
        status: "contacted",
        tags: ["rooftop", "referral"],
        source: "import",
      });
      expect((await leadByEmail(t.rep.browser, mail("eva"))).status).toBe("meeting_scheduled");
      const events = (await t.rep.browser.get(`/api/v1/leads/${anna.id}/events`)).body.events;
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: "created", data: { source: "import", row: 2 } });
    });

    it("an invalid mapping is a 422", async () => {
      const csv = `name,email\nX,${mail("x")}\n`;
      expect((await importCsv(t.rep.browser, csv, { name: "fullname" })).status).toBe(422);
      expect((await importCsv(t.rep.browser, csv, { nope: "name" })).status).toBe(422);
      expect((await importCsv(t.rep.browser, csv, { email: "email" })).status).toBe(422);
    });

    it("a bad mapping is answered per column with codes and the lead fields named in the caller's language", async () => {
      const validation = translatorFor("de", "validation");
      const label = translatorFor("de", "leads.import.fields");
      expect((await t.rep.browser.patch("/api/v1/preferences", { interface: { language: "de" } })).status).toBe(200);
      try {
        const csv = `Kontakt,Mail,Privat\nX,${mail("map-x")},${mail("map-y")}\n`;
        const twice = await importCsv(t.rep.browser, csv, {
          Kontakt: "name",
          Mail: "email",
          Privat: "email",
          Fax: "phone",
        });
        expect(twice.status).toBe(422);
        expect(twice.body).toMatchObject({
          detail: translatorFor("de", "problems")("columnMappingInvalid"),
          errors: {
            "mapping.Privat": [validation("mappingFieldTwice", { column: "Privat", field: label("email") })],
            "mapping.Fax": [validation("mappingColumnMissing", { column: "Fax" })],
          },
          errorCodes: { "mapping.Privat": ["mappingFieldTwice"], "mapping.Fax": ["mappingColumnMissing"] },
        });
        expect(twice.body.errors["mapping.Privat"][0]).toContain(label("email"));
        expect(twice.body.errors["mapping.Privat"][0]).not.toMatch(/mapped|email\b/);

        const nameless = await importCsv(t.rep.browser, csv, { Mail: "email" });
        expect(nameless.body.errors.mapping).toEqual([
          validation("mappingNeedsName", {
            name: label("name"),
            firstName: label("first_name"),
            lastName: label("last_name"),
          }),
        ]);
        expect(nameless.body.errorCodes.mapping).toEqual(["mappingNeedsName"]);

        const unknown = await importCsv(t.rep.browser, csv, { Kontakt: "fullname" });
        expect(unknown.body.errorCodes).toEqual({ "mapping.Kontakt": ["mappingFieldInvalid"] });
        expect(unknown.body.errors["mapping.Kontakt"][0]).toMatch(/^Ordnen Sie jede Spalte .*first_name/);

        const notJson = form(csv);
        notJson.set("mapping", "[not json");
        const refused = await t.rep.browser.post("/api/v1/leads/import", undefined, { rawBody: notJson });
        expect(refused.body.errors.mapping).toEqual([validation("mappingNotJson")]);
      } finally {
        await t.rep.browser.patch("/api/v1/preferences", { interface: { language: "en" } });
      }
    });

    it("merges rows into existing leads by email or phone: fills empty fields, adds tags, never duplicates", async () => {
      const byEmail = (
        await t.rep.browser.post("/api/v1/leads", { name: "Fritz Wyss", email: mail("fritz"), tags: ["vip"] })
      ).body.lead;
      const byPhone = (
        await t.rep.browser.post("/api/v1/leads", {
          name: "Greta Vogt",
          phone: "+41 79 555 66 77",
          company: "Keep Me AG",
        })
      ).body.lead;
      const csv = [
        "name,email,phone,company,title,tags",
        `Fritz W.,${mail("fritz")},,Wyss Holzbau,CEO,farm`,
        `Greta V.,${mail("greta")},079 555 66 77,Other AG,,`,
      ].join("\n");
      const report = (await importCsv(t.rep.browser, csv)).body;
      expect(report).toMatchObject({ created: 0, merged: 2, skipped: 0, errors: [] });
      const fritz = (await t.rep.browser.get(`/api/v1/leads/${byEmail.id}`)).body.lead;
      expect(fritz).toMatchObject({ name: "Fritz Wyss", company: "Wyss Holzbau", title: "CEO", tags: ["vip", "farm"] });
      const greta = (await t.rep.browser.get(`/api/v1/leads/${byPhone.id}`)).body.lead;
      expect(greta).toMatchObject({ name: "Greta Vogt", company: "Keep Me AG", email: mail("greta") });
      const events = (await t.rep.browser.get(`/api/v1/leads/${byEmail.id}/events`)).body.events;
      expect(events[0]).toMatchObject({
        type: "updated",
        data: { source: "import", fields: ["company", "title", "tags"] },
      });
    });

    it("rows that repeat within one file become one lead", async () => {
      const csv = `name,email,tags\nHanna Egli,${mail("hanna")},a\nHanna Egli,${mail("hanna")},b\n`;
      const report = (await importCsv(t.rep.browser, csv)).body;
      expect(report).toMatchObject({ created: 1, merged: 1, skipped: 0 });
      expect((await leadByEmail(t.rep.browser, mail("hanna"))).tags).toEqual(["a", "b"]);
    });

    it("importing the same file twice creates nothing the second time", async () => {
      const csv = [
        "name,email,phone",
        `Ivo Marti,${mail("ivo")},079 777 00 01`,
        `Jana Frei,${mail("jana")},079 777 00 02`,
        "Kurt Lüthi,,079 777 00 03",
      ].join("\n");
      const first = (await importCsv(t.manager.browser, csv)).body;
      expect(first).toMatchObject({ created: 3, merged: 0, skipped: 0 });
      const second = (await importCsv(t.manager.browser, csv)).body;
      expect(second).toMatchObject({ created: 0, merged: 3, skipped: 0 });
      const kurt = (await t.manager.browser.get("/api/v1/leads?q=%2B41797770003")).body.leads;
      expect(kurt).toHaveLength(1);
    });

    it("assigns owners by email; a rep may not assign to others", async () => {
      const csv = `name,email,owner\nLisa Ammann,${mail("lisa")},${t.rep.email}\nMax Hess,${mail("max")},${t.manager.email}\nNora Favre,${mail("nora")},stranger@nowhere.test\n`;
      const report = (await importCsv(t.rep.browser, csv)).body;
      expect(report).toMatchObject({ created: 1, skipped: 2 });
      expect(report.errors.map((e: Json) => Object.keys(e.errors))).toEqual([["owner_email"], ["owner_email"]]);
      expect((await leadByEmail(t.rep.browser, mail("lisa"))).ownerId).toBe(t.rep.userId);
    });

    it("streams NDJSON progress and then the report", async () => {
      const rows = Array.from({ length: 1200 }, (_, i) => `Stream ${i},stream-${i}-${run}@import.test`);
      const response = await t.manager.browser.post("/api/v1/leads/import?stream=1", undefined, {
        rawBody: form(`name,email\n${rows.join("\n")}\n`),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/x-ndjson");
      const lines = response.text
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      const progress = lines.filter((l) => "processed" in l);
      expect(progress.length).toBeGreaterThanOrEqual(3);
      expect(progress.at(-1)).toEqual({ processed: 1200, total: 1200 });
      expect(lines.at(-1).report).toMatchObject({ total: 1200, created: 1200, skipped: 0 });
    });
  });

  describe("limits per organization", () => {
    let owner: Person;
    const runs = (sql: string, params: unknown[]) => withService((tx) => tx.query(sql, params));
    beforeAll(async () => {
      owner = await signUpPerson({ prefix: "import-limits" });
    });
    afterEach(() => runs("delete from public.lead_imports where org_id = $1", [owner.orgId]));

    it("a second import in the same organization while one is running is a 429, and the slot frees when it ends", async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const slow = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode(`name,email\nSlow Upload,${mail("slow")}\n`));
          await held;
          controller.close();
        },
      });
      const first = owner.browser.post("/api/v1/leads/import", undefined, { rawBody: slow, contentType: "text/csv" });
      await expect
        .poll(
          async () =>
            (await runs("select 1 from public.lead_imports where org_id = $1 and finished_at is null", [owner.orgId]))
              .rows.length,
        )
        .toBe(1);

      const second = await owner.browser.post("/api/v1/leads/import", undefined, {
        rawBody: `name\nSecond\n`,
        contentType: "text/csv",
      });
      expect(second.status).toBe(429);
      expect(second.body.detail).toMatch(/Another import is running/);
      expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(0);

      release();
      expect((await first).body).toMatchObject({ created: 1 });
      const third = await owner.browser.post("/api/v1/leads/import", undefined, {
        rawBody: `name,email\nThird,${mail("third")}\n`,
        contentType: "text/csv",
      });
      expect(third.status, JSON.stringify(third.body)).toBe(200);
    });

    it("a run left unfinished by a process that died no longer blocks the organization", async () => {
      await runs(
        "insert into public.lead_imports (org_id, user_id, started_at) values ($1, $2, now() - interval '1 hour')",
        [owner.orgId, owner.userId],
      );
      const response = await owner.browser.post("/api/v1/leads/import", undefined, {
        rawBody: `name,email\nAfter Crash,${mail("crash")}\n`,
        contentType: "text/csv",
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    });

    it("past the daily row cap an import is a 429 that says how many rows are left, and nothing is imported", async () => {
      await runs(
        "insert into public.lead_imports (org_id, user_id, finished_at, outcome, row_count) values ($1, $2, now(), 'done', $3)",
        [owner.orgId, owner.userId, DAILY_IMPORT_ROWS - 1],
      );
      const response = await owner.browser.post("/api/v1/leads/import", undefined, {
        rawBody: `name,email\nOver A,${mail("over-a")}\nOver B,${mail("over-b")}\n`,
        contentType: "text/csv",
      });
      expect(response.status).toBe(429);
      expect(response.body.detail).toMatch(/may import 1 more today/);
      expect(await leadByEmail(owner.browser, mail("over-a"))).toBeUndefined();
    });

    it(`past ${DAILY_IMPORTS} imports a day the next one is a 429; files refused as invalid do not count`, async () => {
      await runs(
        "insert into public.lead_imports (org_id, user_id, finished_at, outcome) select $1, $2, now(), 'refused' from generate_series(1, $3)",
        [owner.orgId, owner.userId, DAILY_IMPORTS],
      );
      const allowed = await owner.browser.post("/api/v1/leads/import", undefined, {
        rawBody: `name,email\nCounted,${mail("counted")}\n`,
        contentType: "text/csv",
      });
      expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
      await runs(
        "insert into public.lead_imports (org_id, user_id, finished_at, outcome) select $1, $2, now(), 'done' from generate_series(1, $3)",
        [owner.orgId, owner.userId, DAILY_IMPORTS],
      );
      const refused = await owner.browser.post("/api/v1/leads/import", undefined, {
        rawBody: `name\nOne Too Many\n`,
        contentType: "text/csv",
      });
      expect(refused.status).toBe(429);
      expect(refused.body.detail).toMatch(/imports in the last 24 hours/);
    });

    it(`a file of more than ${MAX_IMPORT_ROWS.toLocaleString("en")} rows is a 413 and imports nothing`, async () => {
      const csv = `name\n${"Row Lead\n".repeat(MAX_IMPORT_ROWS + 1)}`;
      const response = await owner.browser.post("/api/v1/leads/import", undefined, {
        rawBody: csv,
        contentType: "text/csv",
      });
      expect(response.status).toBe(413);
      expect(response.errors?.file).toBeDefined();
    });
  });

  describe("export", () => {
    let e: Person;
    beforeAll(async () => {
      e = await signUpPerson({ prefix: "exporter" });
      await withRls({ sub: e.userId, email: e.email, role: "authenticated" }, (tx) =>
        tx.query(
          `insert into public.leads (org_id, name, email, tags, created_by)
           select $1, 'Many ' || i, 'many-' || i || $2, array['many'], $3 from generate_series(1, 1205) i`,
          [e.orgId, `-${run}@export.test`, e.userId],
        ),
      );
    });

    it("streams every lead of the filter across keyset batches, with a filename", async () => {
      const response = await e.browser.get("/api/v1/leads/export?tag=many");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toMatch(
        /^attachment; filename="leads-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const parsed = Papa.parse<Record<string, string>>(response.text.replace(/^\uFEFF/, ""), {
        header: true,
        skipEmptyLines: true,
      });
      expect(parsed.meta.fields).toEqual([
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
      ]);
      expect(parsed.data).toHaveLength(1205);
      expect(new Set(parsed.data.map((r) => r.email)).size).toBe(1205);
      expect((await e.browser.get("/api/v1/leads/export?tag=nothing-has-this")).text.trim().split("\n")).toHaveLength(
        1,
      );
      expect((await e.browser.get("/api/v1/leads/export?status=bogus")).status).toBe(422);
    });

    it("neutralises cells a spreadsheet would run as formulas, and the export imports back", async () => {
      const created = await e.browser.post("/api/v1/leads", {
        name: '=HYPERLINK("http://evil.test","click")',
        email: mail("formula"),
        phone: "+41 79 888 77 66",
        company: "@SUM(A1:A2)",
        title: "-2+3",
        tags: ["+cmd"],
      });
      expect(created.status).toBe(201);
      const response = await e.browser.get(`/api/v1/leads/export?q=${encodeURIComponent(mail("formula"))}`);
      const [row] = Papa.parse<Record<string, string>>(response.text.replace(/^\uFEFF/, ""), {
        header: true,
        skipEmptyLines: true,
      }).data;
      expect(row).toMatchObject({
        name: `'=HYPERLINK("http://evil.test","click")`,
        company: "'@SUM(A1:A2)",
        title: "'-2+3",
        tags: "'+cmd",
        phone: "+41798887766",
        owner_email: "",
      });
      const again = (await importCsv(e.browser, response.text)).body;
      expect(again).toMatchObject({ created: 0, merged: 1, skipped: 0 });
      expect((await e.browser.get(`/api/v1/leads/${created.body.lead.id}`)).body.lead.name).toBe(
        '=HYPERLINK("http://evil.test","click")',
      );
    });
  });
});

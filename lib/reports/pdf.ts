import "server-only";
import PDFDocument from "pdfkit";
import { directionOf } from "@/lib/i18n/config";
import { formatDay, formatSettings, formatterFor, type Formatter } from "@/lib/i18n/formats";
import { resolveLocale, translatorFor } from "@/lib/i18n/translator";
import type { Translate } from "@/lib/i18n/translate";
import { DEFAULT_APP_PREFERENCES, type DataPreferences } from "@/lib/preferences/schema";
import { funnel, PIPELINE_STEPS } from "@/lib/analytics/funnel";
import { HEAT_LEVELS, type Analytics, type HeatCounts, type Level } from "@/lib/analytics/types";
import { registerPdfFonts, type PdfFont } from "./pdf-fonts";
import { graphemeClusters, visualOrder } from "./visual-order";

/**
 * The dashboard as a PDF (the "Download PDF" button and the scheduled reports), drawn with
 * pdfkit's own primitives in DejaVu Sans (pdf-fonts.ts: Latin and Hebrew, embedded, nothing
 * fetched). Every text comes from the `reports.pdf` messages in the reader's language; every
 * date, time and number goes through the reader's formats (lib/i18n/formats.ts) in their zone.
 *
 * Hebrew reads right to left: pdfkit draws glyphs in the order given, so each line is wrapped in
 * reading order and then put in visual order (visual-order.ts), and the layout mirrors — titles
 * and text start at the right, tables run their columns from the right, names of bar charts sit
 * on the right with bars growing leftward, legends start at the right. Time axes run left to
 * right in every language, as on the dashboard (components/dashboard/widgets/parts.tsx).
 */
export type PdfMeta = {
  orgName: string;
  /** The project the report is filtered to; null or absent: all projects. */
  projectName?: string | null;
  generatedAt: Date;
  timeZone: string;
  /** The reader's language ("en", "de", "he"). */
  locale: string;
  /** The reader's formats (date format, 12/24 hours, numbers); absent: the language's own. */
  data?: DataPreferences;
};

export type PdfOptions = {
  /** Deflate page streams (default). Tests turn it off to read the text. */
  compress?: boolean;
};

const PAGE = { size: "A4" as const, margin: 42 };
const INK = "#18181b";
const SOFT = "#52525b";
const FAINT = "#a1a1aa";
const GRID = "#e4e4e7";
const BRAND = "#ea580c";
const SECOND = "#0284c7";
const HEAT_COLOURS: Record<Level, string> = { cold: "#3b82f6", warm: "#f59e0b", hot: "#f97316", burning: "#dc2626" };

/** A side in reading order: "start" is the left in English and German, the right in Hebrew. */
type Side = "start" | "end";
type Cell = string | number | null;
type Column = { label: string; width: number; align?: Side };

/** Writes the whole report; returns the finished file. */
export function renderAnalyticsPdf(analytics: Analytics, meta: PdfMeta, options: PdfOptions = {}): Promise<Buffer> {
  const language = resolveLocale(meta.locale);
  const data = meta.data ?? DEFAULT_APP_PREFERENCES.data;
  const t = translatorFor(language, "reports.pdf", meta.timeZone, data);
  const f = formatters(formatterFor(formatSettings(language, data, meta.timeZone)), t);
  const period = periodLabels(analytics, f);
  const doc = new PDFDocument({
    size: PAGE.size,
    margin: PAGE.margin,
    bufferPages: true,
    compress: options.compress ?? true,
    info: {
      Title: t("documentTitle", { org: meta.orgName, from: period.from, to: period.to }),
      Author: meta.orgName,
      Subject: t("title"),
      Creator: "Kiln",
      CreationDate: meta.generatedAt,
    },
    lang: language,
  });
  registerPdfFonts(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const page = new PageWriter(doc, directionOf(language));
  header(page, t, f, meta, period);
  heatSection(page, t, f, analytics);
  pipelineSection(page, t, f, analytics);
  progressionSection(page, t, f, analytics);
  meetingsSection(page, t, f, analytics);
  conversationsSection(page, t, f, analytics);
  agentsSection(page, t, f, analytics);
  teamSection(page, t, f, analytics);
  page.numberPages(t, meta.orgName);
  doc.end();
  return done;
}

// ---------------------------------------------------------------------------
// Formatting: the reader's formatter (lib/i18n/formats.ts), with the forms a report needs.

type Formatters = ReturnType<typeof formatters>;

function formatters(format: Formatter, t: Translate) {
  const none = t("none");
  const number = (value: number) => format.number(value, { maximumFractionDigits: 1 });
  const percent = (value: number) => format.number(value, { style: "percent", maximumFractionDigits: 1 });
  return {
    number: (value: number | null) => (value === null ? none : number(value)),
    percent: (value: number | null) => (value === null ? none : percent(value)),
    /** A local calendar day "YYYY-MM-DD" in the reader's date format. */
    day: (value: string) => formatDay(format, value),
    /** A day on a chart's axis: "3 Dec", "3. Dez.", "3 בדצמ׳". */
    shortDay: (value: string) => formatDay(format, value, { day: "numeric", month: "short" }),
    /** The local day of an instant. */
    localDay: (value: string | Date) => format.dateTime(new Date(value), "date"),
    when: (value: string | Date) => format.dateTime(new Date(value), "dateTime"),
    change: (now: number, before: number) =>
      format.number(now - before, { maximumFractionDigits: 1, signDisplay: "exceptZero" }),
    duration: (seconds: number | null) => {
      if (seconds === null) return none;
      const s = Math.round(seconds);
      if (s < 60) return t("duration.seconds", { seconds: s });
      if (s < 3600) return t("duration.minutes", { minutes: Math.round(s / 60) });
      if (s < 86400) return t("duration.hours", { hours: Math.floor(s / 3600), minutes: Math.round((s % 3600) / 60) });
      return t("duration.days", { days: Math.floor(s / 86400), hours: Math.round((s % 86400) / 3600) });
    },
    rate: (part: number, whole: number) => (whole ? percent(part / whole) : none),
  };
}

type PeriodLabels = { from: string; to: string; previousFrom: string; previousTo: string };

/** The range in words: whole local days, or date and time for the last 24 hours. */
function periodLabels(analytics: Analytics, f: Formatters): PeriodLabels {
  const { range } = analytics;
  if (range.key === "24h")
    return {
      from: f.when(range.from),
      to: f.when(range.to),
      previousFrom: f.when(range.previousFrom),
      previousTo: f.when(range.previousTo),
    };
  const lastDay = range.days[range.days.length - 1] ?? range.days[0];
  // `previousTo` is exclusive: the last previous day is the one just before it.
  const previousLast = new Date(new Date(range.previousTo).getTime() - 1);
  return {
    from: range.days[0] ? f.day(range.days[0]) : f.localDay(range.from),
    to: lastDay ? f.day(lastDay) : f.localDay(range.to),
    previousFrom: f.localDay(range.previousFrom),
    previousTo: f.localDay(previousLast),
  };
}

// ---------------------------------------------------------------------------
// Page flow and text

type TextOptions = { size?: number; bold?: boolean; colour?: string; gap?: number; offset?: number; width?: number };

/**
 * Keeps the cursor, breaks pages before a block that would not fit, numbers pages at the end,
 * and places everything by reading direction: offsets are measured from the start edge, and
 * every line is wrapped and clipped in reading order before it is drawn in visual order.
 */
class PageWriter {
  y: number;
  readonly rtl: boolean;
  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly direction: "ltr" | "rtl",
  ) {
    this.y = doc.page.margins.top;
    this.rtl = direction === "rtl";
  }
  get left() {
    return this.doc.page.margins.left;
  }
  get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }
  /** The physical x of a box `offset` points from the start edge, `width` wide. */
  xAt(offset: number, width: number) {
    return this.rtl ? this.left + this.width - offset - width : this.left + offset;
  }
  /** Starts a new page unless `height` still fits on this one. */
  need(height: number) {
    if (this.y + height > this.bottom) this.breakPage();
  }
  breakPage() {
    this.doc.addPage();
    this.y = this.doc.page.margins.top;
  }
  style(font: PdfFont, size: number, colour: string) {
    this.doc.font(font).fontSize(size).fillColor(colour);
    return this;
  }
  /** `text` cut with an ellipsis to fit `width` in the current font, cut at its end in reading order. */
  fit(text: string, width: number): string {
    if (this.doc.widthOfString(text) <= width) return text;
    const chars = graphemeClusters(text);
    while (chars.length && this.doc.widthOfString(`${chars.join("").trimEnd()}…`) > width) chars.pop();
    return `${chars.join("").trimEnd()}…`;
  }
  /** `text` as lines of at most `width`, broken between words in reading order (inside a word too long for a line). */
  wrap(text: string, width: number): string[] {
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (this.doc.widthOfString(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = "";
      for (const char of graphemeClusters(word)) {
        if (line && this.doc.widthOfString(line + char) > width) {
          lines.push(line);
          line = "";
        }
        line += char;
      }
    }
    if (line || !lines.length) lines.push(line);
    return lines;
  }
  /**
   * One line of text in the box `offset`…`offset + width` from the start edge, aligned to the
   * box's start, end or centre, clipped to it, in visual order.
   */
  line(text: string, offset: number, y: number, width: number, align: Side | "center" = "start") {
    const visual = visualOrder(this.fit(text, width), this.direction);
    const room = width - this.doc.widthOfString(visual);
    const left = align === "center" ? room / 2 : (align === "end") !== this.rtl ? room : 0;
    this.doc.text(visual, this.xAt(offset, width) + left, y, { lineBreak: false });
  }
  /** A paragraph from the start edge, wrapped to the page (or `width`); the cursor moves below it. */
  text(value: string, options: TextOptions = {}) {
    const width = options.width ?? this.width;
    this.style(options.bold ? "bold" : "regular", options.size ?? 10, options.colour ?? INK);
    const lines = this.wrap(value, width);
    const lineHeight = this.doc.currentLineHeight(true);
    this.need(lines.length * lineHeight);
    lines.forEach((line, i) => this.line(line, options.offset ?? 0, this.y + i * lineHeight, width));
    this.y += lines.length * lineHeight + (options.gap ?? 4);
  }
  /** A section title; keeps at least `keep` points of its content on the same page. */
  section(title: string, keep = 140) {
    this.need(keep + 30);
    this.y += 10;
    this.doc
      .moveTo(this.left, this.y)
      .lineTo(this.left + this.width, this.y)
      .lineWidth(0.5)
      .strokeColor(GRID)
      .stroke();
    this.y += 8;
    this.text(title, { size: 14, bold: true, gap: 6 });
  }
  numberPages(t: Translate, orgName: string) {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      this.doc.switchToPage(i);
      // Writing into the bottom margin would otherwise start another page.
      const bottom = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      const y = this.doc.page.height - bottom / 2 - 4;
      this.style("regular", 8, FAINT);
      const half = this.width / 2;
      this.line(t("footer", { org: orgName }), 0, y, half);
      this.line(t("page", { page: i + 1, pages: range.count }), half, y, half, "end");
      this.doc.page.margins.bottom = bottom;
    }
  }
}

// ---------------------------------------------------------------------------
// Building blocks: a table, horizontal bars, columns over days, a legend.

function table(page: PageWriter, columns: Column[], rows: Cell[][], emptyText: string) {
  const { doc } = page;
  const rowHeight = 16;
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const scale = page.width / total;
  // Columns run from the start edge: the first one is at the right in Hebrew.
  const boxes = columns.map((column, i) => ({
    offset: columns.slice(0, i).reduce((sum, c) => sum + c.width * scale, 0),
    width: column.width * scale,
    align: column.align ?? "start",
  }));
  const drawRow = (cells: Cell[], y: number) =>
    cells.forEach((cell, i) => {
      const box = boxes[i]!;
      page.line(cell === null ? "" : String(cell), box.offset + 4, y + 4, box.width - 8, box.align);
    });
  const drawHeader = () => {
    page.need(rowHeight * 2);
    doc.rect(page.left, page.y, page.width, rowHeight).fill("#f4f4f5");
    page.style("bold", 8, SOFT);
    drawRow(
      columns.map((c) => c.label),
      page.y,
    );
    page.y += rowHeight;
  };
  drawHeader();
  if (!rows.length) {
    page.text(emptyText, { size: 9, colour: SOFT, gap: 6 });
    return;
  }
  for (const row of rows) {
    if (page.y + rowHeight > page.bottom) {
      page.breakPage();
      drawHeader();
    }
    page.style("regular", 9, INK);
    drawRow(row, page.y);
    page.y += rowHeight;
    doc
      .moveTo(page.left, page.y)
      .lineTo(page.left + page.width, page.y)
      .lineWidth(0.4)
      .strokeColor(GRID)
      .stroke();
  }
  page.y += 8;
}

type Bar = { label: string; value: number; colour: string; note?: string };

/**
 * One horizontal bar per item, scaled to the largest; the value (and a note) after each bar.
 * Names at the start edge, bars growing toward the end: mirrored in Hebrew.
 */
function horizontalBars(page: PageWriter, f: Formatters, bars: Bar[]) {
  const { doc } = page;
  const rowHeight = 18;
  const labelWidth = 130;
  const valueWidth = 110;
  const room = page.width - labelWidth - valueWidth;
  const max = Math.max(1, ...bars.map((b) => b.value));
  page.need(bars.length * rowHeight + 6);
  for (const bar of bars) {
    const length = Math.max(bar.value > 0 ? 1.5 : 0, (bar.value / max) * room);
    page.style("regular", 9, INK).line(bar.label, 0, page.y + 4, labelWidth - 8);
    doc.rect(page.xAt(labelWidth, room), page.y + 3, room, rowHeight - 6).fill("#f4f4f5");
    if (length > 0) doc.rect(page.xAt(labelWidth, length), page.y + 3, length, rowHeight - 6).fill(bar.colour);
    const value = f.number(bar.value);
    page
      .style("bold", 9, INK)
      .line(bar.note ? `${value}  ${bar.note}` : value, labelWidth + room + 6, page.y + 4, valueWidth - 6);
    page.y += rowHeight;
  }
  page.y += 6;
}

type Series = { label: string; colour: string; values: number[] };

/**
 * Values per day on a shared y axis: stacked columns (progression) or lines (conversations).
 * The x axis names the first, middle and last day; long ranges simply get thinner columns.
 * Time runs left to right in every language, as on the dashboard; only the legend follows the
 * reading direction.
 */
function dayChart(page: PageWriter, f: Formatters, days: string[], series: Series[], mode: "stacked" | "lines") {
  const { doc } = page;
  const height = 150;
  const axisWidth = 34;
  page.need(height + 40);
  const top = page.y;
  const x0 = page.left + axisWidth;
  const width = page.width - axisWidth;
  const totals = days.map((_, i) =>
    mode === "stacked"
      ? series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)
      : Math.max(0, ...series.map((s) => s.values[i] ?? 0)),
  );
  const max = niceMax(Math.max(0, ...totals));
  const yOf = (value: number) => top + height - (value / max) * height;
  const at = (x: number, y: number, text: string, width: number, align: "left" | "right" | "center") => {
    const visual = visualOrder(text, page.direction);
    const room = width - doc.widthOfString(visual);
    doc.text(visual, x + (align === "left" ? 0 : align === "right" ? room : room / 2), y, { lineBreak: false });
  };

  page.style("regular", 7, FAINT);
  for (let step = 0; step <= 4; step += 1) {
    const value = (max / 4) * step;
    const y = yOf(value);
    doc
      .moveTo(x0, y)
      .lineTo(x0 + width, y)
      .lineWidth(0.4)
      .strokeColor(GRID)
      .stroke();
    at(page.left, y - 3, f.number(value), axisWidth - 4, "right");
  }

  const slot = width / Math.max(1, days.length);
  if (mode === "stacked") {
    const barWidth = Math.max(0.8, slot * 0.75);
    days.forEach((_, i) => {
      let base = 0;
      for (const s of series) {
        const value = s.values[i] ?? 0;
        if (value > 0) {
          doc
            .rect(x0 + i * slot + (slot - barWidth) / 2, yOf(base + value), barWidth, (value / max) * height)
            .fill(s.colour);
        }
        base += value;
      }
    });
  } else {
    for (const s of series) {
      days.forEach((_, i) => {
        const x = x0 + i * slot + slot / 2;
        const y = yOf(s.values[i] ?? 0);
        if (i === 0) doc.moveTo(x, y);
        else doc.lineTo(x, y);
      });
      doc.lineWidth(1.4).strokeColor(s.colour).stroke();
      if (days.length <= 45)
        days.forEach((_, i) => doc.circle(x0 + i * slot + slot / 2, yOf(s.values[i] ?? 0), 1.6).fill(s.colour));
    }
  }

  page.style("regular", 7, SOFT);
  const labelled = [...new Set([0, Math.floor((days.length - 1) / 2), days.length - 1])].filter((i) => i >= 0);
  for (const i of labelled) {
    const centre = x0 + i * slot + slot / 2;
    at(centre - 30, top + height + 4, f.shortDay(days[i]!), 60, "center");
  }
  page.y = top + height + 16;
  legend(page, series);
}

/** Colour keys from the start edge, each followed by its name. */
function legend(page: PageWriter, items: { label: string; colour: string }[]) {
  const { doc } = page;
  let offset = 0;
  page.style("regular", 8, SOFT);
  for (const item of items) {
    const width = doc.widthOfString(item.label);
    doc.rect(page.xAt(offset, 8), page.y + 2, 8, 8).fill(item.colour);
    doc.fillColor(SOFT);
    page.line(item.label, offset + 12, page.y + 2, width + 1);
    offset += 12 + width + 16;
  }
  page.y += 18;
}

/** An axis maximum at or above `value` whose four gridlines fall on round counts (steps of 1, 2 or 5 × 10^n). */
function niceMax(value: number): number {
  const quarter = Math.max(1, value / 4);
  const magnitude = 10 ** Math.floor(Math.log10(quarter));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= quarter) return 4 * step * magnitude;
  return 40 * magnitude;
}

// ---------------------------------------------------------------------------
// Sections, one per widget

function header(page: PageWriter, t: Translate, f: Formatters, meta: PdfMeta, period: PeriodLabels) {
  page.text(t("title").toLocaleUpperCase(meta.locale), { size: 9, bold: true, colour: BRAND, gap: 2 });
  page.text(meta.orgName, { size: 22, bold: true, gap: 4 });
  page.text(meta.projectName ? t("project", { name: meta.projectName }) : t("allProjects"), {
    size: 11,
    colour: SOFT,
    gap: 2,
  });
  page.text(t("range", { from: period.from, to: period.to }), { size: 11, gap: 2 });
  page.text(t("previous", { from: period.previousFrom, to: period.previousTo }), { size: 9, colour: SOFT, gap: 2 });
  page.text(t("generated", { when: f.when(meta.generatedAt), timeZone: meta.timeZone }), {
    size: 9,
    colour: SOFT,
    gap: 6,
  });
}

const levelName = (t: Translate, level: Level) => t(`levels.${level}`);

function heatSection(page: PageWriter, t: Translate, f: Formatters, { heat }: Analytics) {
  page.section(t("heat.title"));
  horizontalBars(
    page,
    f,
    HEAT_LEVELS.map((level) => ({ label: levelName(t, level), value: heat.now[level], colour: HEAT_COLOURS[level] })),
  );
  const total = (counts: HeatCounts) => HEAT_LEVELS.reduce((sum, level) => sum + counts[level], 0);
  table(
    page,
    [
      { label: t("heat.level"), width: 3 },
      { label: t("heat.now"), width: 2, align: "end" },
      { label: t("heat.atStart"), width: 2, align: "end" },
      { label: t("change"), width: 2, align: "end" },
    ],
    [
      ...HEAT_LEVELS.map((level) => [
        levelName(t, level),
        f.number(heat.now[level]),
        f.number(heat.atStart[level]),
        f.change(heat.now[level], heat.atStart[level]),
      ]),
      [
        t("total"),
        f.number(total(heat.now)),
        f.number(total(heat.atStart)),
        f.change(total(heat.now), total(heat.atStart)),
      ],
    ],
    t("empty"),
  );
}

function pipelineSection(page: PageWriter, t: Translate, f: Formatters, { pipeline }: Analytics) {
  page.section(t("pipeline.title"), 200);
  const { current, previous } = pipeline;
  horizontalBars(
    page,
    f,
    PIPELINE_STEPS.map((step, i) => ({
      label: t(`pipeline.steps.${step}`),
      value: current[step],
      colour: i < 5 ? BRAND : i === 5 ? "#16a34a" : SECOND,
    })),
  );
  table(
    page,
    [
      { label: t("pipeline.step"), width: 4 },
      { label: t("current"), width: 2, align: "end" },
      { label: t("pipeline.conversion"), width: 3, align: "end" },
      { label: t("previousPeriod"), width: 2, align: "end" },
    ],
    funnel(current).map(({ step, from, count }) => [
      t(`pipeline.steps.${step}`),
      f.number(count),
      from ? f.rate(count, current[from]) : "",
      f.number(previous[step]),
    ]),
    t("empty"),
  );
}

function progressionSection(page: PageWriter, t: Translate, f: Formatters, { progression }: Analytics) {
  page.section(t("progression.title"), 220);
  page.text(t("progression.subtitle"), { size: 9, colour: SOFT });
  const days = progression.days.map((d) => d.day);
  if (!days.length) page.text(t("empty"), { size: 9, colour: SOFT });
  else
    dayChart(
      page,
      f,
      days,
      HEAT_LEVELS.map((level) => ({
        label: levelName(t, level),
        colour: HEAT_COLOURS[level],
        values: progression.days.map((d) => d[level]),
      })),
      "stacked",
    );
  table(
    page,
    [
      { label: "", width: 5 },
      { label: t("current"), width: 2, align: "end" },
      { label: t("previousPeriod"), width: 2, align: "end" },
    ],
    [
      [
        t("progression.medianToHot"),
        f.duration(progression.medianSecondsToHot.current),
        f.duration(progression.medianSecondsToHot.previous),
      ],
    ],
    t("empty"),
  );
}

function meetingsSection(page: PageWriter, t: Translate, f: Formatters, { meetings }: Analytics) {
  page.section(t("meetings.title"), 200);
  const { current: c, previous: p } = meetings;
  horizontalBars(page, f, [
    { label: t("meetings.qualified"), value: c.qualified, colour: "#16a34a" },
    { label: t("meetings.booked"), value: c.booked, colour: SECOND, note: f.rate(c.booked, c.qualified) },
    { label: t("meetings.held"), value: c.held, colour: BRAND, note: f.rate(c.held, c.booked) },
  ]);
  const rows: [string, string, string][] = [
    [t("meetings.qualified"), f.number(c.qualified), f.number(p.qualified)],
    [t("meetings.booked"), f.number(c.booked), f.number(p.booked)],
    [t("meetings.held"), f.number(c.held), f.number(p.held)],
    [t("meetings.noShow"), f.number(c.noShow), f.number(p.noShow)],
    [t("meetings.canceled"), f.number(c.canceled), f.number(p.canceled)],
    [t("meetings.heldRate"), f.rate(c.held, c.booked), f.rate(p.held, p.booked)],
    [t("meetings.noShowRate"), f.rate(c.noShow, c.booked), f.rate(p.noShow, p.booked)],
    [t("meetings.cancelRate"), f.rate(c.canceled, c.booked), f.rate(p.canceled, p.booked)],
    [t("meetings.fromAgentLink"), f.number(c.fromAgentLink), f.number(p.fromAgentLink)],
    [t("meetings.bookedOtherwise"), f.number(c.bookedOtherwise), f.number(p.bookedOtherwise)],
  ];
  table(
    page,
    [
      { label: t("meetings.metric"), width: 5 },
      { label: t("current"), width: 2, align: "end" },
      { label: t("previousPeriod"), width: 2, align: "end" },
    ],
    rows,
    t("empty"),
  );
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

function conversationsSection(page: PageWriter, t: Translate, f: Formatters, { conversations }: Analytics) {
  page.section(t("conversations.title"), 220);
  page.text(t("conversations.subtitle"), { size: 9, colour: SOFT });
  const days = conversations.days.map((d) => d.day);
  if (!days.length) page.text(t("empty"), { size: 9, colour: SOFT });
  else
    dayChart(
      page,
      f,
      days,
      [
        { label: t("conversations.inbound"), colour: SECOND, values: conversations.days.map((d) => sum(d.inbound)) },
        { label: t("conversations.outbound"), colour: BRAND, values: conversations.days.map((d) => sum(d.outbound)) },
      ],
      "lines",
    );
  const { current: c, previous: p } = conversations;
  table(
    page,
    [
      { label: t("conversations.metric"), width: 5 },
      { label: t("current"), width: 2, align: "end" },
      { label: t("previousPeriod"), width: 2, align: "end" },
    ],
    [
      [t("conversations.inbound"), f.number(c.inbound), f.number(p.inbound)],
      [t("conversations.outbound"), f.number(c.outbound), f.number(p.outbound)],
      [t("conversations.firstResponseAi"), f.duration(c.firstResponseAi), f.duration(p.firstResponseAi)],
      [t("conversations.firstResponseHuman"), f.duration(c.firstResponseHuman), f.duration(p.firstResponseHuman)],
      [t("conversations.takeoverRate"), f.percent(c.takeoverRate), f.percent(p.takeoverRate)],
    ],
    t("empty"),
  );
  // Messages by channel over the period, from the daily series.
  const channels = new Map<string, { inbound: number; outbound: number }>();
  for (const day of conversations.days)
    for (const direction of ["inbound", "outbound"] as const)
      for (const [channel, count] of Object.entries(day[direction])) {
        const entry = channels.get(channel) ?? { inbound: 0, outbound: 0 };
        entry[direction] += count;
        channels.set(channel, entry);
      }
  if (channels.size)
    table(
      page,
      [
        { label: t("conversations.channel"), width: 5 },
        { label: t("conversations.inbound"), width: 2, align: "end" },
        { label: t("conversations.outbound"), width: 2, align: "end" },
      ],
      [...channels]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([channel, n]) => [channel, f.number(n.inbound), f.number(n.outbound)]),
      t("empty"),
    );
  const { open, pending, closed } = conversations.status;
  page.text(t("conversations.status", { open: f.number(open), pending: f.number(pending), closed: f.number(closed) }), {
    size: 9,
    colour: SOFT,
    gap: 6,
  });
}

function agentsSection(page: PageWriter, t: Translate, f: Formatters, { agents }: Analytics) {
  page.section(t("agents.title"), 80);
  table(
    page,
    [
      { label: t("agents.agent"), width: 4 },
      { label: t("agents.drafts"), width: 1.6, align: "end" },
      { label: t("agents.approved"), width: 1.9, align: "end" },
      { label: t("agents.edited"), width: 1.6, align: "end" },
      { label: t("agents.rejected"), width: 1.9, align: "end" },
      { label: t("agents.approvalRate"), width: 2.3, align: "end" },
      { label: t("agents.editDistance"), width: 2.6, align: "end" },
      { label: t("agents.meetingsBooked"), width: 1.9, align: "end" },
      { label: t("agents.leadsQualified"), width: 1.9, align: "end" },
    ],
    agents.rows.map((row) => [
      row.name,
      f.number(row.drafts),
      f.number(row.approved),
      f.number(row.edited),
      f.number(row.rejected),
      f.percent(row.approvalRate),
      f.number(row.avgEditDistance),
      f.number(row.meetingsBooked),
      f.number(row.leadsQualified),
    ]),
    t("agents.empty"),
  );
}

function teamSection(page: PageWriter, t: Translate, f: Formatters, { team }: Analytics) {
  page.section(t("team.title"), 80);
  table(
    page,
    [
      { label: t("team.member"), width: 4 },
      ...HEAT_LEVELS.map((level) => ({ label: levelName(t, level), width: 1.6, align: "end" as const })),
      { label: t("team.total"), width: 1.6, align: "end" },
      { label: t("team.replies"), width: 1.8, align: "end" },
      { label: t("team.meetingsHeld"), width: 2.4, align: "end" },
    ],
    team.rows.map((row) => [
      row.name || t("team.unnamed"),
      ...HEAT_LEVELS.map((level) => f.number(row.leads[level])),
      f.number(row.leads.total),
      f.number(row.repliesSent),
      f.number(row.meetingsHeld),
    ]),
    t("empty"),
  );
}

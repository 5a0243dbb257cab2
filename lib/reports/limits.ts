/**
 * Rendering a PDF reads every widget and draws a document: cheap once, not in a loop. Limited
 * per person so a script (or a stuck button) cannot keep the server busy or fill an inbox.
 */
import { defineLimit } from "@/lib/http/rate-limit";

export const PDF_DOWNLOADS_PER_USER = defineLimit({
  scope: "reports-pdf:user",
  windowSeconds: 10 * 60,
  max: 30,
  message: "limitReportPdf",
});

export const SEND_NOW_PER_USER = defineLimit({
  scope: "reports-send-now:user",
  windowSeconds: 60 * 60,
  max: 10,
  message: "limitReportEmail",
});

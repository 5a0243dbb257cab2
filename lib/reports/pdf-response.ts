/** A generated or stored report as a download (the dashboard PDF, a report from the history). */
export function pdfResponse(pdf: Buffer, filename: string): Response {
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${filename}"`,
      "content-length": String(pdf.length),
      "cache-control": "no-store",
    },
  });
}

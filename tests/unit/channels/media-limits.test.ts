import { describe, expect, it } from "vitest";
import {
  bytesMatchType,
  declaredType,
  mediaLimits,
  refuseFile,
  refuseSet,
  screenFiles,
  sniffContentType,
  supportsMms,
  typeNames,
} from "@/lib/channels/media-limits";

const MB = 1024 * 1024;
const cloud = mediaLimits({ provider: "whatsapp_cloud", medium: "whatsapp", address: "+41791234567" });
const twilioWhatsapp = mediaLimits({ provider: "twilio", medium: "whatsapp", address: "+41791234567" });
const usSms = mediaLimits({ provider: "twilio", medium: "sms", address: "+14155238886" });
const swissSms = mediaLimits({ provider: "twilio", medium: "sms", address: "+41445550101" });
const mailbox = mediaLimits({ provider: "email", medium: "email", address: "sales@acme.example" });
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe("per-channel media limits (lib/channels/media-limits.ts)", () => {
  it("WhatsApp takes JPEG and PNG up to 5 MB and PDF up to 100 MB (16 MB through Twilio), one per message", () => {
    expect(refuseFile(cloud, "whatsapp", { type: "image/jpeg", size: 5 * MB })).toBeNull();
    expect(refuseFile(cloud, "whatsapp", { type: "image/png", size: 5 * MB + 1 })).toEqual({
      key: "attachmentTooLarge",
      values: { max: "5 MB" },
    });
    expect(refuseFile(cloud, "whatsapp", { type: "application/pdf", size: 100 * MB })).toBeNull();
    expect(refuseFile(cloud, "whatsapp", { type: "application/pdf", size: 100 * MB + 1 })?.key).toBe(
      "attachmentTooLarge",
    );
    expect(refuseFile(twilioWhatsapp, "whatsapp", { type: "application/pdf", size: 16 * MB + 1 })?.values).toEqual({
      max: "16 MB",
    });
    expect(refuseFile(cloud, "whatsapp", { type: "image/gif", size: 10 })).toEqual({
      key: "attachmentTypeRefused",
      values: { types: "JPEG, PNG, PDF" },
    });
    expect(refuseSet(cloud, [10, 10])).toEqual({ key: "attachmentsTooMany", values: { max: 1 } });
  });

  it("SMS carries images (MMS) only from US and Canadian numbers, 5 MB together; elsewhere no files at all", () => {
    expect(supportsMms("+14155238886")).toBe(true);
    expect(supportsMms("+41445550101")).toBe(false);
    expect(refuseFile(usSms, "sms", { type: "image/jpeg", size: MB })).toBeNull();
    expect(refuseFile(usSms, "sms", { type: "application/pdf", size: MB })?.key).toBe("attachmentTypeRefused");
    expect(refuseSet(usSms, [3 * MB, 3 * MB])).toEqual({
      key: "attachmentsTooLargeTogether",
      values: { max: "5 MB" },
    });
    expect(refuseFile(swissSms, "sms", { type: "image/jpeg", size: 1 })).toEqual({
      key: "attachmentsNotSupported",
      values: { medium: "SMS" },
    });
  });

  it("the composer's check refuses files before upload, counting the files already held", () => {
    const files = [
      { name: "a.jpg", type: "image/jpeg", size: 2 * MB },
      { name: "b.txt", type: "text/plain", size: 10 },
      { name: "c.png", type: "image/png", size: 2 * MB },
      { name: "d.jpg", type: "image/jpeg", size: 6 * MB },
    ];
    const { accepted, refused } = screenFiles(usSms, "sms", [2 * MB], files);
    expect(accepted.map((f) => f.name)).toEqual(["a.jpg"]);
    expect(refused.map(({ file, refusal }) => [file.name, refusal.key])).toEqual([
      ["b.txt", "attachmentTypeRefused"],
      ["c.png", "attachmentsTooLargeTogether"],
      ["d.jpg", "attachmentTooLarge"],
    ]);
    expect(screenFiles(cloud, "whatsapp", [MB], [files[0]!]).refused[0]?.refusal.key).toBe("attachmentsTooMany");
  });

  it("believes a type only when the first bytes prove it", () => {
    expect(sniffContentType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe("image/jpeg");
    expect(sniffContentType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe("image/png");
    expect(sniffContentType(new TextEncoder().encode("%PDF-1.4"))).toBe("application/pdf");
    expect(sniffContentType(new TextEncoder().encode("<html><script>"))).toBeNull();
  });

  it("email takes images, PDF, Office documents, CSV, text and ZIP, 10 MB a file and 25 MB together, ten at most", () => {
    expect(typeNames(mailbox)).toBe(
      "JPEG, PNG, GIF, WEBP, PDF, DOCX, XLSX, PPTX, DOC, XLS, PPT, ODT, ODS, ODP, CSV, TXT, ZIP",
    );
    for (const type of [
      "image/jpeg",
      "application/pdf",
      DOCX,
      XLSX,
      "application/msword",
      "text/csv",
      "application/zip",
    ])
      expect(refuseFile(mailbox, "email", { type, size: 10 * MB }), type).toBeNull();
    expect(refuseFile(mailbox, "email", { type: DOCX, size: 10 * MB + 1 })).toEqual({
      key: "attachmentTooLarge",
      values: { max: "10 MB" },
    });
    expect(refuseFile(mailbox, "email", { type: "text/html", size: 10 })?.key).toBe("attachmentTypeRefused");
    expect(refuseFile(mailbox, "email", { type: "application/x-msdownload", size: 10 })?.key).toBe(
      "attachmentTypeRefused",
    );
    expect(refuseSet(mailbox, [10 * MB, 10 * MB, 5 * MB])).toBeNull();
    expect(refuseSet(mailbox, [10 * MB, 10 * MB, 5 * MB + 1])).toEqual({
      key: "attachmentsTooLargeTogether",
      values: { max: "25 MB" },
    });
    expect(
      refuseSet(
        mailbox,
        Array.from({ length: 11 }, () => 1),
      ),
    ).toEqual({
      key: "attachmentsTooMany",
      values: { max: 10 },
    });
    expect(mailbox.maxCaption).toBeNull();
  });

  it("an email's file is believed only when its bytes belong to the declared type's family", () => {
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]);
    const compound = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const pdf = new TextEncoder().encode("%PDF-1.7\n");
    expect(bytesMatchType(DOCX, zip)).toBe(true);
    expect(bytesMatchType("application/zip", zip)).toBe(true);
    expect(bytesMatchType(DOCX, pdf)).toBe(false);
    expect(bytesMatchType("application/vnd.ms-excel", compound)).toBe(true);
    expect(bytesMatchType("application/vnd.ms-excel", zip)).toBe(false);
    expect(bytesMatchType("application/pdf", pdf)).toBe(true);
    expect(bytesMatchType("image/webp", new TextEncoder().encode("RIFF\x10\0\0\0WEBPVP8 "))).toBe(true);
    expect(bytesMatchType("image/webp", new TextEncoder().encode("RIFF\x10\0\0\0WAVEfmt "))).toBe(false);
    // Text: any charset (Windows-1252 "ä" is 0xe4), tabs and line breaks, but no other control bytes.
    expect(bytesMatchType("text/csv", Uint8Array.from([0x61, 0x3b, 0xe4, 0x09, 0x0d, 0x0a]))).toBe(true);
    expect(bytesMatchType("text/csv", new TextEncoder().encode("name;amount\nMiriam;40\n"))).toBe(true);
    expect(bytesMatchType("text/plain", Uint8Array.from([0xff, 0xfe, 0x61, 0x00]))).toBe(true);
    expect(bytesMatchType("text/csv", zip)).toBe(false);
    expect(bytesMatchType("text/plain", Uint8Array.from([0x4d, 0x5a, 0x90, 0x00]))).toBe(false);
  });

  it("takes a file as the type it is, where browsers declare another one", () => {
    expect(declaredType("offer.csv", "application/vnd.ms-excel")).toBe("text/csv");
    expect(declaredType("offer.CSV", "")).toBe("text/csv");
    expect(declaredType("prices.xls", "application/vnd.ms-excel")).toBe("application/vnd.ms-excel");
    expect(declaredType("files.zip", "application/x-zip-compressed")).toBe("application/zip");
    expect(declaredType("notes.txt", "")).toBe("text/plain");
    expect(declaredType("notes.txt", "Text/Plain; charset=utf-8")).toBe("text/plain");
    expect(declaredType("tool.exe", "")).toBe("");
  });
});

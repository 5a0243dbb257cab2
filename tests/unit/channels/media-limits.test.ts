import { describe, expect, it } from "vitest";
import {
  mediaLimits,
  refuseFile,
  refuseSet,
  screenFiles,
  sniffContentType,
  supportsMms,
} from "@/lib/channels/media-limits";

const MB = 1024 * 1024;
const cloud = mediaLimits({ provider: "whatsapp_cloud", medium: "whatsapp", address: "+41791234567" });
const twilioWhatsapp = mediaLimits({ provider: "twilio", medium: "whatsapp", address: "+41791234567" });
const usSms = mediaLimits({ provider: "twilio", medium: "sms", address: "+14155238886" });
const swissSms = mediaLimits({ provider: "twilio", medium: "sms", address: "+41445550101" });

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
});

import { describe, expect, it } from "vitest";
import { isWhatsappWindowClosed, whatsappWindowOpenUntil, WHATSAPP_WINDOW_MS } from "@/lib/inbox/whatsapp-window";

describe("the WhatsApp 24-hour window", () => {
  const now = new Date("2026-12-03T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it("is open until 24 hours after the lead's last message, up to and including that instant", () => {
    expect(whatsappWindowOpenUntil({ medium: "whatsapp", lastInboundAt: ago(3_600_000) }, now)).toEqual(
      new Date(now.getTime() + WHATSAPP_WINDOW_MS - 3_600_000),
    );
    expect(isWhatsappWindowClosed({ medium: "whatsapp", lastInboundAt: ago(WHATSAPP_WINDOW_MS) }, now)).toBe(false);
    expect(isWhatsappWindowClosed({ medium: "whatsapp", lastInboundAt: ago(WHATSAPP_WINDOW_MS + 1) }, now)).toBe(true);
  });

  it("is closed on WhatsApp before the lead has written, and never applies to SMS", () => {
    expect(isWhatsappWindowClosed({ medium: "whatsapp", lastInboundAt: null }, now)).toBe(true);
    expect(isWhatsappWindowClosed({ medium: "sms", lastInboundAt: null }, now)).toBe(false);
    expect(whatsappWindowOpenUntil({ medium: "sms", lastInboundAt: ago(60_000) }, now)).toBeNull();
  });
});

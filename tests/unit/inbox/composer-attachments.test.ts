import { createElement, type ComponentProps, type FunctionComponent, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { AttachButton, AttachmentTray, type ComposerAttachments } from "@/components/inbox/composer-attachments";
import { mediaLimits, type MediaChannel } from "@/lib/channels/media-limits";
import en from "@/lib/i18n/messages/en.json";

// The provider's props type wants `children` among the props; given as createElement's third argument instead.
const IntlProvider = NextIntlClientProvider as unknown as FunctionComponent<
  Omit<ComponentProps<typeof NextIntlClientProvider>, "children">
>;

const render = (element: ReactElement) =>
  renderToStaticMarkup(createElement(IntlProvider, { locale: "en", messages: en, timeZone: "UTC" }, element));

const held = (channel: MediaChannel, items: ComposerAttachments["held"] = []): ComposerAttachments => ({
  held: items,
  ready: [],
  add: () => undefined,
  remove: () => undefined,
  clear: () => undefined,
  uploading: false,
  limits: mediaLimits(channel),
  medium: channel.medium,
});

describe("the composer's file picker (components/inbox/composer-attachments.tsx)", () => {
  it("offers only the channel's types, so the browser's picker shows nothing else", () => {
    const html = render(
      createElement(AttachButton, {
        attachments: held({ provider: "whatsapp_cloud", medium: "whatsapp", address: "+41791234567" }),
        disabled: false,
      }),
    );
    expect(html).toContain('accept="image/jpeg,image/png,application/pdf"');
    expect(html).toContain('aria-label="Attach a file (JPEG, PNG, PDF)"');
    expect(html).not.toMatch(/<button[^>]* disabled=""/);
  });

  it("is off, saying why, on an SMS number that cannot send MMS", () => {
    const html = render(
      createElement(AttachButton, {
        attachments: held({ provider: "twilio", medium: "sms", address: "+41445550101" }),
        disabled: false,
      }),
    );
    expect(html).toMatch(/<button[^>]* disabled=""/);
    expect(html).toContain("Files cannot be sent by SMS from this number.");
  });

  it("takes files in an email thread: several, of the types a mail program sends", () => {
    const html = render(
      createElement(AttachButton, {
        attachments: held({ provider: "email", medium: "email", address: "sales@acme.example" }),
        disabled: false,
      }),
    );
    expect(html).not.toMatch(/<button[^>]* disabled=""/);
    expect(html).toContain(' multiple=""');
    expect(html).toMatch(/accept="[^"]*application\/pdf[^"]*text\/csv[^"]*application\/zip"/);
    expect(html).toContain("DOCX, XLSX, PPTX");
  });

  it("shows a file refused before upload with the reason, in words", () => {
    const html = render(
      createElement(AttachmentTray, {
        attachments: held({ provider: "whatsapp_cloud", medium: "whatsapp", address: "+41791234567" }, [
          {
            key: "1",
            name: "notes.txt",
            size: 10,
            state: "failed",
            error: "This channel takes only these file types: JPEG, PNG, PDF.",
          },
        ]),
      }),
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain("notes.txt: This channel takes only these file types: JPEG, PNG, PDF.");
  });
});

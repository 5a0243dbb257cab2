import { createElement, type ComponentProps, type FunctionComponent, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { StartEmail } from "@/components/leads/start-email";
import en from "@/lib/i18n/messages/en.json";

// The provider's props type wants `children` among the props; given as createElement's third argument instead.
const IntlProvider = NextIntlClientProvider as unknown as FunctionComponent<
  Omit<ComponentProps<typeof NextIntlClientProvider>, "children">
>;

const render = (element: ReactElement) =>
  renderToStaticMarkup(createElement(IntlProvider, { locale: "en", messages: en, timeZone: "UTC" }, element));

const mailboxes = [{ id: "6f1d7c1e-1111-4c1e-9c1e-1e1e1e1e1e1e", label: "Sales", address: "sales@acme-solar.example" }];
const leadId = "0b7f6c1e-2222-4c1e-9c1e-1e1e1e1e1e1e";

describe('the lead page\'s "Write an email" (components/leads/start-email.tsx)', () => {
  it("says why a lead without an address, or with one that bounced, cannot be emailed", () => {
    expect(render(createElement(StartEmail, { leadId, email: null, undeliverable: false, mailboxes }))).toContain(
      "Add an email address to email this lead.",
    );
    const bounced = render(
      createElement(StartEmail, { leadId, email: "a@example.org", undeliverable: true, mailboxes }),
    );
    expect(bounced).toContain("bounced for good");
    expect(bounced).not.toContain("start-email");
  });

  it("offers nothing to an organization without a mailbox", () => {
    expect(
      render(createElement(StartEmail, { leadId, email: "a@example.org", undeliverable: false, mailboxes: [] })),
    ).toBe("");
  });
});

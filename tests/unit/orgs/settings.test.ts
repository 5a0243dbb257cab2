import { describe, expect, it } from "vitest";
import { organizationSettingsPatch, parseOrganizationSettings } from "@/lib/orgs/settings";

describe("organization settings", () => {
  it("an organization that never changed a setting reads the defaults", () => {
    expect(parseOrganizationSettings({})).toEqual({ repsSeeOwnLeadsOnly: false, defaultCountry: null });
    expect(parseOrganizationSettings(null)).toEqual({ repsSeeOwnLeadsOnly: false, defaultCountry: null });
  });

  it("reads the stored keys as typed settings, and a malformed value as its default", () => {
    expect(parseOrganizationSettings({ reps_see_own_leads_only: true, default_country: "CH" })).toEqual({
      repsSeeOwnLeadsOnly: true,
      defaultCountry: "CH",
    });
    expect(
      parseOrganizationSettings({ reps_see_own_leads_only: "yes", default_country: "Switzerland", other: 1 }),
    ).toEqual({ repsSeeOwnLeadsOnly: false, defaultCountry: null });
  });

  it("a change is stored under the same keys it is read from, leaving the others alone", () => {
    const patch = organizationSettingsPatch({ defaultCountry: "DE" });
    expect(patch).toEqual({ default_country: "DE" });
    expect(parseOrganizationSettings({ reps_see_own_leads_only: true, ...patch })).toEqual({
      repsSeeOwnLeadsOnly: true,
      defaultCountry: "DE",
    });
  });
});

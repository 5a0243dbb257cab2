import { withFakeOAuthProvider, type Team } from "../oauth-helpers";
import { attachFakeCalendar, type FakeCalendar } from "./fake-calendar";
import { startFakeGoogle, type FakeGoogle } from "./fake-google";

/** The environment that points the app at the Google stand-in (`url`: where its APIs answer, if in front of it). */
export const googleOAuthEnv = (google: FakeGoogle, url = google.url): Record<string, string> => ({
  GOOGLE_CLIENT_ID: google.clientId,
  GOOGLE_CLIENT_SECRET: google.clientSecret,
  GOOGLE_OAUTH_BASE_URL: url,
});

/**
 * A suite against the Google stand-in with its Calendar API: the app pointed at it (plus `env`),
 * a team signed up, and all three handed to `ready`.
 */
export function withFakeGoogleCalendar(setup: {
  env?: Record<string, string>;
  ready: (google: FakeGoogle, calendar: FakeCalendar, team: Team) => void;
}): void {
  let calendar: FakeCalendar;
  withFakeOAuthProvider({
    start: async () => {
      const fake = await startFakeGoogle();
      calendar = attachFakeCalendar(fake);
      return fake;
    },
    env: (fake) => ({ ...googleOAuthEnv(fake), ...setup.env }),
    ready: (fake, team) => setup.ready(fake, calendar, team),
  });
}

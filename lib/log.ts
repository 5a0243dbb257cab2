import pino from "pino";

/**
 * Structured JSON logs. Redaction is a safety net, not the policy: code must not
 * pass secrets, tokens or message bodies to the logger in the first place.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "kiln" },
  redact: {
    paths: [
      "password", "*.password", "newPassword", "*.newPassword", "currentPassword", "*.currentPassword",
      "token", "*.token", "secret", "*.secret", "authorization", "*.authorization", "cookie", "*.cookie",
      "body", "*.body", "headers.cookie", "headers.authorization",
    ],
    censor: "[redacted]",
  },
});

export type Logger = pino.Logger;

export const requestLogger = (requestId: string) => logger.child({ requestId });

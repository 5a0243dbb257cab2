/**
 * npm run admin:grant -- <email>   makes the account a platform admin (the console at /admin)
 * npm run admin:revoke -- <email>  takes that away again
 *
 * For the operator at the shell: the account must exist (sign up first). Both are written to
 * the platform audit log as done by the CLI, with the operating-system user who ran it.
 * KILN_PLATFORM_ADMINS names platform admins too; a revoke cannot override it.
 */
import { userInfo } from "node:os";
import { loadEnvConfig } from "@next/env";
import { grantPlatformAdmin, namedByEnvironment, revokePlatformAdmin } from "@/lib/auth/platform";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";

loadEnvConfig(process.cwd());
process.env.KILN_DEMO_SEED ||= "false"; // seeding is for db:seed, unless asked for

const [command, email] = process.argv.slice(2);

const operator = () => {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return "cli";
  }
};

async function main(): Promise<number> {
  if ((command !== "grant" && command !== "revoke") || !email?.includes("@")) {
    console.error("Usage: npm run admin:grant -- <email>  |  npm run admin:revoke -- <email>");
    return 2;
  }
  const actor = { cli: operator() };
  const outcome = await withService((tx) =>
    command === "grant" ? grantPlatformAdmin(tx, actor, email) : revokePlatformAdmin(tx, actor, email),
  );
  switch (outcome) {
    case "granted":
      console.log(`${email} is now a platform admin (console at /admin).`);
      return 0;
    case "already":
      console.log(`${email} already was a platform admin; nothing changed.`);
      return 0;
    case "revoked":
    case "not_granted":
      console.log(
        outcome === "revoked"
          ? `${email} is no longer a platform admin.`
          : `${email} had not been granted platform admin; nothing changed.`,
      );
      if (namedByEnvironment(email)) console.log(`Note: KILN_PLATFORM_ADMINS still names ${email}.`);
      return 0;
    case "no_such_user":
      console.error(`No account with the email ${email}. Sign up first, then grant.`);
      return 1;
  }
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());

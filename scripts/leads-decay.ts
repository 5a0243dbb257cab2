/** npm run leads:decay — re-evaluates heat for silence (a platform job; see lib/leads/decay.ts). */
import { loadEnvConfig } from "@next/env";
import { closeDatabase } from "@/lib/db/client";
import { decayLeads } from "@/lib/leads/decay";

loadEnvConfig(process.cwd());
process.env.KILN_DEMO_SEED ||= "false"; // seeding is for db:seed, unless asked for

decayLeads()
  .then((report) =>
    console.log(`Evaluated ${report.evaluated} leads: ${report.cooled} cooled, ${report.warmed} warmed.`),
  )
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());

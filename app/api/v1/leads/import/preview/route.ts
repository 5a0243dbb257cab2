import { route } from "@/lib/http/route";
import { previewImport, readUpload } from "@/lib/leads/csv";

/** Step 1 of an import: the file's headers, a suggested mapping and its first 10 rows. Nothing is stored. */
export const POST = route({ scope: "leads:write", org: true }, async ({ request }) =>
  previewImport(await readUpload(request)),
);

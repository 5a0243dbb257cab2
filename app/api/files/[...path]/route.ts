import { z } from "zod";
import { forbidden, gone, notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { fileResponse } from "@/lib/inbox/attachments";
import { checkFileUrl } from "@/lib/storage";

const params = z.object({ path: z.array(z.string()).min(1).max(8) });

/**
 * A file behind a short-lived signed link (lib/storage/signed-url.ts): what Twilio and the
 * WhatsApp Cloud API fetch an outbound attachment from. No session: the HMAC over the key
 * and the expiry is the whole permission, and it names exactly one file.
 */
export const GET = route({ auth: "none", params }, async ({ request, params }) => {
  const url = new URL(request.url);
  const key = params.path.join("/");
  const check = checkFileUrl(key, url.searchParams.get("exp"), url.searchParams.get("sig"));
  if (check === "expired") throw gone("fileLinkExpired");
  if (check === "invalid") throw forbidden("fileLinkInvalid");
  const response = await fileResponse(key, {});
  if (!response) throw notFound("attachmentNotFound");
  return response;
});

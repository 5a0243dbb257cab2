import { z } from "zod";
import { emailDisplay } from "@/lib/email/frame";
import { notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { translatorFor } from "@/lib/i18n/translator";
import { getMessageEmail } from "@/lib/inbox/queries";

const params = z.object({ id: uuidParam });

/**
 * The whole email of a message: bodies (HTML raw, to be sanitised for display), ids and addresses,
 * and `display`: what Kiln's viewer needs to frame the HTML (./frame serves it sanitised), so the
 * browser never sanitises or even parses the raw HTML itself.
 */
export const GET = route({ scope: "messages:read", org: true, params }, async ({ org, params, rls, locale }) => {
  const email = await rls((tx) => getMessageEmail(tx, org.orgId, params.id));
  if (!email) throw notFound("emailNotFound");
  const t = translatorFor(await locale(), "inbox.email");
  return Response.json({ email, display: emailDisplay(email.html, t("showQuoted")) });
});

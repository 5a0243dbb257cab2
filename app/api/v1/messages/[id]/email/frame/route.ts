import { z } from "zod";
import { emailFrameCsp, emailFrameDocument, emailImageSources } from "@/lib/email/frame";
import { sanitizeEmailHtml } from "@/lib/email/sanitize";
import { notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { translatorFor } from "@/lib/i18n/translator";
import { getMessageEmail } from "@/lib/inbox/queries";

const params = z.object({ id: uuidParam });
const query = z.object({ images: z.enum(["0", "1"]).default("0") });

/**
 * The document of components/inbox/email-body.tsx's frame: the email's HTML sanitized here, in
 * a page whose own response headers set its policy. A `srcdoc` frame would inherit the app
 * page's Content-Security-Policy as well, and that one must not let the web's images in;
 * proxy.ts leaves this path alone so this policy is the only one. `sandbox` in the policy keeps
 * the document script-free and of an opaque origin even when opened outside the frame.
 */
export const GET = route({ org: true, params, query }, async ({ org, params, query, rls, request, locale }) => {
  const email = await rls((tx) => getMessageEmail(tx, org.orgId, params.id));
  if (!email?.html?.trim()) throw notFound("emailNotFound");

  const allowRemoteImages = query.images === "1";
  // Kiln does not keep attachments' Content-IDs yet, so no `cid:` image has a URL to point at.
  const inlineImages: Record<string, string> = {};
  const t = translatorFor(await locale(), "inbox.email");
  const sanitized = sanitizeEmailHtml(email.html, { allowRemoteImages, inlineImages, quoteLabel: t("showQuoted") });
  const imageSources = emailImageSources({
    allowRemoteImages,
    inlineImageUrls: Object.values(inlineImages),
    // The sandboxed document's origin is opaque, so 'self' would match nothing: Kiln's own origin is named.
    pageOrigin: new URL(request.url).origin,
  });

  return new Response(emailFrameDocument({ html: sanitized.html, imageSources }), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      // Only Kiln's own pages may frame it: next.config.ts's X-Frame-Options is lifted for this path.
      "Content-Security-Policy": `${emailFrameCsp(imageSources)}; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox`,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Cache-Control": "private, no-store",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
});

import { z } from "zod";
import { HttpError, invalid } from "@/lib/http/errors";
import { openMultipartFile } from "@/lib/http/multipart";
import { route } from "@/lib/http/route";
import { LARGEST_ATTACHMENT, uploadAttachment } from "@/lib/inbox/attachments";

/** Room for the multipart boundaries, part headers and the conversationId field around the file. */
const MULTIPART_ENVELOPE_BYTES = 16 * 1024;

/**
 * Uploads one file for a reply: multipart with `conversationId` first, then `file`. The
 * channel's type and size limits are checked before and while reading (lib/channels/media-limits.ts);
 * the answer's id goes into the reply's `attachmentIds`.
 */
export const POST = route({ org: true }, async ({ request, org, user, rls }) => {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data"))
    throw new HttpError(415, "Unsupported media type", "attachmentNeedsMultipart");
  const upload = await openMultipartFile(request, "file", LARGEST_ATTACHMENT + MULTIPART_ENVELOPE_BYTES);
  if (!upload) throw invalid({ file: ["attachmentFileMissing"] }, "attachmentFileMissing");
  const conversationId = z.uuid().safeParse(upload.before.get("conversationId"));
  if (!conversationId.success) {
    await upload.file.cancel();
    throw invalid({ conversationId: ["attachmentConversationRequired"] });
  }
  const attachment = await uploadAttachment(rls, {
    orgId: org.orgId,
    userId: user.id,
    conversationId: conversationId.data,
    file: upload.file,
    fileName: upload.filename,
    declaredType: upload.mimeType,
  });
  return Response.json({ attachment }, { status: 201 });
});

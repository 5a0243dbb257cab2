import { z } from "zod";
import { notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { fileResponse, openAttachment } from "@/lib/inbox/attachments";

const params = z.object({ id: uuidParam });

/** A message's file for a member: found under RLS (conversations they may see), then streamed from storage. */
export const GET = route({ org: true, params }, async ({ org, params, rls }) => {
  const attachment = await rls((tx) => openAttachment(tx, org.orgId, params.id));
  if (!attachment) throw notFound("attachmentNotFound");
  const response = await fileResponse(attachment.storageKey, attachment);
  if (!response) throw notFound("attachmentNotFound");
  return response;
});

import "server-only";
import type { Tx } from "@/lib/db";
import { conflict, HttpError, notFound } from "@/lib/http/errors";
import type { ConversationTag } from "./tag-palette";
import type { TagInput } from "./schema";

/**
 * The only writer of public.conversation_tags and public.conversation_tag_links. Managers and
 * above define tags (RLS); anyone who sees a conversation tags it. Names are unique per
 * organization whatever their case.
 */

export type TagWithUsage = ConversationTag & { conversations: number };

export async function listTags(tx: Tx, orgId: string): Promise<TagWithUsage[]> {
  const { rows } = await tx.query<TagWithUsage>(
    `select t.id, t.name, t.color,
            (select count(*)::int from public.conversation_tag_links l where l.tag_id = t.id) as conversations
       from public.conversation_tags t where t.org_id = $1
      order by lower(t.name), t.id`,
    [orgId],
  );
  return rows;
}

const nameTaken = () => conflict("tagNameTaken", { name: ["tagNameTaken"] });
const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === "23505";

export async function createTag(tx: Tx, userId: string, orgId: string, input: TagInput): Promise<ConversationTag> {
  await tx.query("savepoint kiln_tag");
  try {
    const { rows } = await tx.query<ConversationTag>(
      `insert into public.conversation_tags (org_id, name, color, created_by) values ($1, $2, $3, $4)
       returning id, name, color`,
      [orgId, input.name, input.color, userId],
    );
    await tx.query("release savepoint kiln_tag");
    return rows[0]!;
  } catch (error) {
    await tx.query("rollback to savepoint kiln_tag");
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

export async function updateTag(tx: Tx, orgId: string, id: string, input: TagInput): Promise<ConversationTag> {
  await tx.query("savepoint kiln_tag");
  try {
    const { rows } = await tx.query<ConversationTag>(
      `update public.conversation_tags set name = $3, color = $4 where id = $1 and org_id = $2 returning id, name, color`,
      [id, orgId, input.name, input.color],
    );
    await tx.query("release savepoint kiln_tag");
    if (!rows[0]) throw notFound("tagNotFound");
    return rows[0];
  } catch (error) {
    if (error instanceof HttpError) throw error;
    await tx.query("rollback to savepoint kiln_tag");
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

export async function deleteTag(tx: Tx, orgId: string, id: string): Promise<void> {
  const { rowCount } = await tx.query("delete from public.conversation_tags where id = $1 and org_id = $2", [
    id,
    orgId,
  ]);
  if (!rowCount) throw notFound("tagNotFound");
}

/** The organization's tags among `ids`; an unknown one is a 422 on `tagIds`. */
export async function requireTags(tx: Tx, orgId: string, ids: readonly string[]): Promise<void> {
  const { rows } = await tx.query<{ n: number }>(
    "select count(*)::int as n from public.conversation_tags where org_id = $1 and id = any($2::uuid[])",
    [orgId, ids],
  );
  if ((rows[0]?.n ?? 0) !== new Set(ids).size)
    throw new HttpError(422, "Unprocessable content", "tagNotFound", { errors: { tagIds: ["tagNotFound"] } });
}

/** Adds tags to a conversation (already there: nothing happens). Returns the ones added. */
export async function addConversationTags(
  tx: Tx,
  userId: string,
  orgId: string,
  conversationId: string,
  tagIds: readonly string[],
): Promise<string[]> {
  const { rows } = await tx.query<{ tag_id: string }>(
    `insert into public.conversation_tag_links (conversation_id, tag_id, org_id, created_by)
     select $1, t, $2, $3 from unnest($4::uuid[]) t
     on conflict do nothing returning tag_id`,
    [conversationId, orgId, userId, tagIds],
  );
  return rows.map((r) => r.tag_id);
}

/** Removes tags from a conversation. Returns the ones removed. */
export async function removeConversationTags(
  tx: Tx,
  orgId: string,
  conversationId: string,
  tagIds: readonly string[],
): Promise<string[]> {
  const { rows } = await tx.query<{ tag_id: string }>(
    `delete from public.conversation_tag_links
      where conversation_id = $1 and org_id = $2 and tag_id = any($3::uuid[]) returning tag_id`,
    [conversationId, orgId, tagIds],
  );
  return rows.map((r) => r.tag_id);
}

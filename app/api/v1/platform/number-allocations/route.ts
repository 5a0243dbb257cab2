import { requirePlatformAdmin } from "@/lib/auth/platform";
import {
  allocateNumber,
  allocationSchema,
  listAllocations,
  releaseNumber,
  releaseSchema,
} from "@/lib/channels/allocations";
import { withService } from "@/lib/db";
import { route } from "@/lib/http/route";

/**
 * Platform admins allocate the numbers of the installation's provider accounts to
 * organizations. Service role: allocations span organizations, and the caller was checked
 * against the platform admins first (lib/auth/platform.ts).
 */
export const GET = route({}, async ({ session }) => {
  await requirePlatformAdmin(session);
  return { allocations: await withService((tx) => listAllocations(tx)) };
});

export const POST = route({ body: allocationSchema }, async ({ session, body, user }) => {
  await requirePlatformAdmin(session);
  const allocation = await withService((tx) => allocateNumber(tx, user.id, body));
  return Response.json({ allocation }, { status: 201 });
});

/** `?provider=twilio&number=%2B41446681800`: the organization's channels stop receiving live traffic. */
export const DELETE = route({ query: releaseSchema }, async ({ session, query, user }) => {
  await requirePlatformAdmin(session);
  await withService((tx) => releaseNumber(tx, user.id, query.provider, query.number));
  return new Response(null, { status: 204 });
});

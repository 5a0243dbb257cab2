import { answerSandboxGoogle } from "@/lib/integrations/google/sandbox/server";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ path: string[] }> };

/** The sandbox Google (lib/integrations/google/sandbox): 404 unless this installation is in sandbox mode. */
const handle = async (request: Request, { params }: Context) => answerSandboxGoogle(request, (await params).path);
export const GET = handle;
export const POST = handle;
export const PATCH = handle;
export const PUT = handle;
export const DELETE = handle;

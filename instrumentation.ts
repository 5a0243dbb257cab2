/**
 * Start-up hook. The Node.js part (environment check, migrations, demo seed) lives in
 * instrumentation-node.ts so the edge bundle never sees Node APIs.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  await import("./instrumentation-node");
}

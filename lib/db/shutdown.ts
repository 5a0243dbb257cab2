import "server-only";
/**
 * Closing the database when the server is told to stop (SIGTERM from a process manager,
 * SIGINT from Ctrl-C), so the job queue finishes its running jobs, LISTEN connections and
 * pools close, and the embedded database is closed cleanly rather than cut off.
 *
 * `next start` has a handler of its own: it stops the HTTP server, waits for the requests in
 * flight, then calls process.exit. When such a handler is there, the database closes in
 * between (after the last request, before the exit); when none is, it closes at once and the
 * signal is raised again, so the process ends the way that signal ends it.
 */
type Signal = "SIGTERM" | "SIGINT";
type Host = Pick<NodeJS.Process, "on" | "off" | "listenerCount" | "exit" | "kill" | "pid">;

const SIGNALS: readonly Signal[] = ["SIGTERM", "SIGINT"];
// Per process, even if a dev reload loads this module again.
const globalState = globalThis as typeof globalThis & { __kilnShutdownHosts?: WeakSet<Host> };
const installed = (globalState.__kilnShutdownHosts ??= new WeakSet());

/** Longer than the job queue's graceful stop (5 s); a closer that hangs must not keep a stopped server alive. */
export const CLOSE_TIMEOUT_MS = 15_000;

/**
 * Once only: the first SIGTERM or SIGINT closes the database; the handler then removes
 * itself, so a second signal meets the default action (or whichever other handler there is).
 * Installing it twice on one process installs it once.
 */
export function closeOnSignal(
  close: () => Promise<void>,
  onError: (error: unknown) => void,
  host: Host = process,
  timeoutMs = CLOSE_TIMEOUT_MS,
): void {
  if (installed.has(host)) return;
  installed.add(host);
  let closing: Promise<void> | undefined;
  const closeOnce = () =>
    (closing ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        onError(new Error(`the database did not close within ${timeoutMs} ms`));
        resolve();
      }, timeoutMs);
      timer.unref();
      close()
        .catch(onError)
        .finally(() => {
          clearTimeout(timer);
          resolve();
        });
    }));

  const onSignal = (signal: Signal) => {
    for (const each of SIGNALS) host.off(each, onSignal);
    if (host.listenerCount(signal) > 0) {
      const exit = host.exit.bind(host);
      host.exit = ((code?: Parameters<Host["exit"]>[0]) => void closeOnce().then(() => exit(code))) as Host["exit"];
      return;
    }
    void closeOnce().then(() => host.kill(host.pid, signal));
  };
  for (const each of SIGNALS) host.on(each, onSignal);
}

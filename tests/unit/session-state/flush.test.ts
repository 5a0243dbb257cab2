import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

/**
 * The browser's session-state writer at sign-out (lib/session-state/use-session-state.ts): the
 * pending batch is sent at once and awaited, bounded by a timeout, and never throws.
 */

type Writer = typeof import("@/lib/session-state/use-session-state");

let fetchMock: ReturnType<typeof vi.fn>;
let writer: Writer;

beforeEach(async () => {
  vi.useFakeTimers();
  fetchMock = vi.fn();
  vi.stubGlobal("fetch", fetchMock);
  vi.stubGlobal("window", {
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (id: number) => clearTimeout(id),
    addEventListener: () => undefined,
  });
  // The writer keeps its batch in module state: a fresh module per test.
  vi.resetModules();
  writer = await import("@/lib/session-state/use-session-state");
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const filters = { currentContext: { leads: { filters: { status: "qualified" }, sort: null, columns: null } } };

describe("flushSessionState (sign-out)", () => {
  it("sends the pending batch at once instead of after the debounce, and resolves once it is answered", async () => {
    let answer: (value: Response) => void = () => undefined;
    fetchMock.mockReturnValue(new Promise<Response>((resolve) => (answer = resolve)));
    writer.queueSessionState(filters);
    expect(fetchMock).not.toHaveBeenCalled();

    let done = false;
    const flushed = writer.flushSessionState().then(() => (done = true));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(JSON.parse(fetchMock.mock.calls[0]![1].body)).toEqual(filters);
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toBe(false);
    answer(new Response(null, { status: 204 }));
    await flushed;
    expect(done).toBe(true);
  });

  it("waits for a save already under way", async () => {
    let answer: (value: Response) => void = () => undefined;
    fetchMock.mockReturnValue(new Promise<Response>((resolve) => (answer = resolve)));
    writer.queueSessionState(filters);
    await vi.advanceTimersByTimeAsync(1_000); // the debounced save left, unanswered
    expect(fetchMock).toHaveBeenCalledTimes(1);
    let done = false;
    const flushed = writer.flushSessionState().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toBe(false);
    answer(new Response(null, { status: 204 }));
    await flushed;
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("goes ahead after the timeout when the save hangs", async () => {
    fetchMock.mockReturnValue(new Promise<Response>(() => undefined));
    writer.queueSessionState(filters);
    let done = false;
    const flushed = writer.flushSessionState(1_500).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(1_499);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await flushed;
    expect(done).toBe(true);
  });

  it("a failed save never throws into sign-out", async () => {
    fetchMock.mockRejectedValue(new TypeError("offline"));
    writer.queueSessionState(filters);
    await expect(writer.flushSessionState()).resolves.toBeUndefined();
  });

  it("sends nothing when nothing is pending", async () => {
    await writer.flushSessionState();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

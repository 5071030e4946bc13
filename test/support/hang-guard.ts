/**
 * The only time limit the tests have: a guard against a hang, not a speed
 * expectation. No test waits on a clock to decide pass or fail; children,
 * servers and pages are awaited until they answer or exit. On two loaded
 * cores a correct run may be many times slower than on a quiet laptop, so the
 * guard is far beyond any correct run (the slowest test takes about a minute
 * when the machine is busy): reaching it means something hangs.
 */
export const HANG_GUARD_MS = 15 * 60_000;

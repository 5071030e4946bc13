import { TooManyRequestsError } from "@/lib/errors";

/**
 * A bounded queue of print jobs: `running` at once (each is a Chromium with
 * its ~10 processes), at most `waiting` more behind them, and anything beyond
 * refused at once with a 429 whose Retry-After is the time the queue ahead
 * takes at `typicalSeconds` a job. Without the bound, every request waited
 * its turn and a burst of them held memory and connections for minutes.
 */
export class PrintQueue {
  private active = 0;
  private readonly queued: (() => void)[] = [];

  constructor(readonly limits: { running: number; waiting: number; typicalSeconds: number }) {}

  /** Jobs printing now and waiting to. */
  get size(): number {
    return this.active + this.queued.length;
  }

  /** Runs `job` when a slot is free; refuses it with TooManyRequestsError when the queue is full. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    const { running, waiting, typicalSeconds } = this.limits;
    if (this.size >= running + waiting) {
      const rounds = Math.ceil((this.size + 1) / running);
      throw new TooManyRequestsError(
        `${this.size} reports are being printed or waiting (at most ${running + waiting}): try again in ${rounds * typicalSeconds} s`,
        rounds * typicalSeconds,
      );
    }
    if (this.active >= running) await new Promise<void>((resolve) => this.queued.push(resolve));
    else this.active++;
    try {
      return await job();
    } finally {
      // The slot passes straight to the next job waiting, or is freed.
      const next = this.queued.shift();
      if (next) next();
      else this.active--;
    }
  }
}

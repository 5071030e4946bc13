/** A one-line progress display on a terminal; silent elsewhere. */
export interface Progress {
  update: (text: string) => void;
  done: () => void;
}

/** Redraws at most every 100 ms on stderr when it is a terminal. */
export function terminalProgress(interactive: boolean): Progress {
  if (!interactive) return { update: () => {}, done: () => {} };
  let last = 0;
  let shown = false;
  return {
    update(text) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      process.stderr.write(`\r\x1b[2K${text}`);
    },
    done() {
      if (shown) process.stderr.write("\r\x1b[2K");
    },
  };
}

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

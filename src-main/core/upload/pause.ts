// A wait that can be cut short: a background loop (the uploader, the site feed's reader) sleeps between attempts
// and is woken at once by new settings, a "send now" or a stop.
export function createPause(running: () => boolean) {
  let wake: (() => void) | null = null;
  return {
    /** Waits `ms`, or less when woken; at once when the loop is no longer running. */
    pause(ms: number): Promise<void> {
      return new Promise((resolve) => {
        if (!running()) return resolve();
        const done = () => {
          clearTimeout(timer);
          wake = null;
          resolve();
        };
        const timer = setTimeout(done, ms);
        wake = done;
      });
    },
    wake(): void {
      wake?.();
    },
  };
}

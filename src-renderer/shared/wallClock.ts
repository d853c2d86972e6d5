// A stored time as the clock on the wall shows it: hours and minutes, 24-hour.
export function wallClock(iso: string): string {
  return new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });
}

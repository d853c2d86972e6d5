/** A stored instant as the site reads it on paper: local date and 24-hour time. */
export function localTime(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { hour12: false });
}

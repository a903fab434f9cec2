import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The platform's users are in Zibo: every time is shown in Beijing time, whatever the browser's zone. */
export const TIME_ZONE = 'Asia/Shanghai';

/** An ISO time from the server as the bureau reads it, 'YYYY-MM-DD HH:mm' (or with seconds) in Beijing time; '' when absent. */
export function formatTime(value: unknown, seconds = false): string {
  if (typeof value !== 'string' || !value) return '';
  const d = dayjs(value);
  return d.isValid() ? d.tz(TIME_ZONE).format(seconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm') : value;
}

/** A time picked on screen (read as Beijing wall-clock time) as an ISO string with its offset, e.g. 2026-03-01T08:00:00+08:00. */
export function toIsoWithOffset(value: Dayjs): string {
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), TIME_ZONE).format();
}

/** The reverse of toIsoWithOffset: an ISO string as a picker value showing Beijing wall-clock time. */
export function fromIso(value: string): Dayjs | null {
  const d = dayjs(value);
  return d.isValid() ? dayjs(d.tz(TIME_ZONE).format('YYYY-MM-DDTHH:mm:ss')) : null;
}

/** Copies text to the clipboard; falls back to a selection copy where the Clipboard API is unavailable (plain-http intranet hosts). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection copy
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  document.body.removeChild(area);
  return ok;
}

import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** A server timestamp as the bureau reads it: Beijing time, to the minute. Empty for none. */
export function formatTime(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  const d = dayjs(value);
  return d.isValid() ? d.tz('Asia/Shanghai').format('YYYY-MM-DD HH:mm') : value;
}

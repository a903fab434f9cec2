import { calendarActions } from './calendar.js';
import { grantActions, requestActions } from './service.js';

export { DEMO_CALENDAR_2026, setCalendar } from './calendar.js';
export { sharingRoutes } from './routes.js';

export const sharingActions = [...requestActions, ...grantActions, ...calendarActions];

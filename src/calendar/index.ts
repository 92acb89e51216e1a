export {
  type CalendarOptions,
  createCalendar,
  type DayInfo,
  type DayKind,
  defaultCalendarOptions,
  defaultOpeningHours,
  type OpeningHours,
  type ServiceCalendar,
  type Session,
  type Slot,
  type SlotMinutes,
} from './calendar.js';
export {
  chinaHolidays,
  type HolidayCalendar,
  type HolidayFile,
  type HolidayMark,
  holidayCalendarFromFile,
  noHolidays,
} from './holidays.js';
export { loadHolidayCalendar } from './load-holiday-calendar.js';

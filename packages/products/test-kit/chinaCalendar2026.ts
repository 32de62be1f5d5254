/**
 * China's 2026 public holidays and adjusted working days (调休), from the State Council General
 * Office notice on the 2026 holiday arrangements (国务院办公厅关于2026年部分节假日安排的通知,
 * 4 November 2025). Every day of each break is listed, weekend days included.
 */
import { businessCalendar, type BusinessCalendar } from '../src/calendar/businessCalendar.js';

const days = (from: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `${from.slice(0, 8)}${String(Number(from.slice(8)) + i).padStart(2, '0')}`);

/** Closed days of 2026: New Year, Spring Festival, Qingming, Labour Day, Dragon Boat, Mid-Autumn, National Day. */
export const CHINA_2026_HOLIDAYS: readonly string[] = Object.freeze([
  ...days('2026-01-01', 3), // New Year: Thu 1 to Sat 3 January
  ...days('2026-02-15', 9), // Spring Festival: Sun 15 to Mon 23 February
  ...days('2026-04-04', 3), // Qingming: Sat 4 to Mon 6 April
  ...days('2026-05-01', 5), // Labour Day: Fri 1 to Tue 5 May
  ...days('2026-06-19', 3), // Dragon Boat: Fri 19 to Sun 21 June
  ...days('2026-09-25', 3), // Mid-Autumn: Fri 25 to Sun 27 September
  ...days('2026-10-01', 7), // National Day: Thu 1 to Wed 7 October
]);

/** Weekend days of 2026 that are working days, to make up for the long breaks. */
export const CHINA_2026_EXTRA_WORKING_DAYS: readonly string[] = Object.freeze([
  '2026-01-04', // Sunday, after New Year
  '2026-02-14', // Saturday, before Spring Festival
  '2026-02-28', // Saturday, after Spring Festival
  '2026-05-09', // Saturday, after Labour Day
  '2026-09-20', // Sunday, before National Day
  '2026-10-10', // Saturday, after National Day
]);

/** The 2026 mainland China bank calendar, Beijing time, with a 17:00 cut-off unless another is given. */
export const china2026Calendar = (cutOff = '17:00'): BusinessCalendar =>
  businessCalendar({ holidays: [...CHINA_2026_HOLIDAYS], extraWorkingDays: [...CHINA_2026_EXTRA_WORKING_DAYS], cutOff, timeZone: 'Asia/Shanghai' });

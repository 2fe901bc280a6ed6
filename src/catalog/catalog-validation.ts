import { ValidationError, type FieldError } from '../shared/errors';
import { EDUCATION_LEVELS, type CategoryLevel, type CategoryRequirements, type SessionWindows } from './catalog.events';
import { WINDOW_FIELDS } from './window-fields';

/** Shape checks for catalog commands; every problem is reported at once, in Chinese. */
export interface CategoryInput {
  code: string;
  name: string;
  level: CategoryLevel;
  requirements: CategoryRequirements;
}

export interface SiteInput {
  code: string;
  areaCode: string;
  city: string;
  name: string;
  address: string;
  capacity: number;
}

/** An instant as the catalog stores a window: ISO 8601 with `Z` or an offset. */
export const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const HOUR = 3600_000;
export const MAX_SITE_CAPACITY = 100_000;

/** Date.parse rolls 2月31日 over into March: a day must exist in its month as typed. */
function realDay(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}

/** What was typed, quoted in a message that names it (cut short: the API takes any string). */
const quoted = (value: string): string => `“${value.length > 40 ? `${value.slice(0, 40)}…` : value}”`;

type WindowField = (typeof WINDOW_FIELDS)[number][0];
const WINDOW_LABELS = Object.fromEntries(WINDOW_FIELDS) as Record<WindowField, string>;

/** A window's instant; a bad one is named (several share the form), as empty, malformed or not a real time. */
function instant(fields: FieldError[], field: WindowField, value: string): number {
  const label = `${WINDOW_LABELS[field]}时间`;
  const parts = INSTANT.exec(value);
  const valid =
    parts !== null && realDay(parts[1], parts[2], parts[3]) && Number(parts[4]) < 24 && Number(parts[5]) < 60;
  const time = valid ? Date.parse(value) : NaN;
  if (!Number.isNaN(time)) return time;
  const message = !value?.trim()
    ? `请填写${label}`
    : parts === null
      ? `${label}${quoted(value)}格式应为 2027-01-31T17:00:00+08:00`
      : `${label}${quoted(value)}不存在`;
  fields.push({ field, code: 'INVALID_DATE', message });
  return time;
}

/** The exam days' problems, each naming its entries: none typed, malformed, or a day that does not exist. */
function examDayErrors(days: string[]): FieldError[] {
  const error = (message: string): FieldError => ({ field: 'examDates', code: 'INVALID_DATE', message });
  if (days.length === 0) return [error('请填写考试日期')];
  const malformed = days.filter((day) => !DAY.test(day));
  const unreal = days.filter((day) => {
    const parts = DAY.exec(day);
    return parts !== null && !realDay(parts[1], parts[2], parts[3]);
  });
  return [
    ...(malformed.length > 0 ? [error(`考试日期${malformed.map(quoted).join('、')}格式应为 YYYY-MM-DD`)] : []),
    ...(unreal.length > 0 ? [error(`考试日期${unreal.map(quoted).join('、')}不存在`)] : []),
  ];
}

/** An exam day (YYYY-MM-DD) begins at midnight in Beijing. */
const examDayStart = (day: string): number => Date.parse(`${day}T00:00:00+08:00`);

function throwIfAny(fields: FieldError[]): void {
  if (fields.length > 0) throw new ValidationError(fields);
}

/**
 * The windows of a session, in the order the exam runs: registration, then the exam days; 放弃报考
 * and 修改考点 close before the first exam day, 准考证 printing opens before it and closes by the end
 * of the last. Every problem is reported at once (a comparison with a bad date is false).
 */
export function validateWindows(windows: SessionWindows): void {
  const fields: FieldError[] = [];
  const opens = instant(fields, 'registrationOpensAt', windows.registrationOpensAt);
  const closes = instant(fields, 'registrationClosesAt', windows.registrationClosesAt);
  const deadline = instant(fields, 'withdrawalDeadline', windows.withdrawalDeadline);
  const printOpens = instant(fields, 'ticketPrintingOpensAt', windows.ticketPrintingOpensAt);
  const printCloses = instant(fields, 'ticketPrintingClosesAt', windows.ticketPrintingClosesAt);
  const order = (field: string, message: string) => fields.push({ field, code: 'WINDOW_ORDER', message });
  if (opens >= closes) order('registrationClosesAt', '报名截止时间须晚于报名开始时间');
  if (deadline < opens) order('withdrawalDeadline', '放弃报考截止时间不能早于报名开始时间');
  if (printOpens >= printCloses) order('ticketPrintingClosesAt', '准考证打印结束时间须晚于开始时间');
  const days = windows.examDates;
  const dayErrors = examDayErrors(days);
  if (dayErrors.length > 0) throwIfAny([...fields, ...dayErrors]);
  if (new Set(days).size !== days.length)
    fields.push({ field: 'examDates', code: 'DUPLICATE_DATE', message: '考试日期有重复' });
  const sorted = [...days].sort();
  const firstDay = examDayStart(sorted[0]);
  const afterLastDay = examDayStart(sorted[sorted.length - 1]) + 24 * HOUR;
  if (firstDay <= closes) order('examDates', '考试日期须晚于报名截止时间');
  if (deadline >= firstDay) order('withdrawalDeadline', '放弃报考截止时间须早于第一个考试日');
  if (printOpens >= firstDay) order('ticketPrintingOpensAt', '准考证打印开始时间须早于第一个考试日');
  if (printCloses > afterLastDay) order('ticketPrintingClosesAt', '准考证打印结束时间不能晚于最后一个考试日');
  throwIfAny(fields);
}

export function validateCategory(category: CategoryInput): void {
  const fields: FieldError[] = [];
  if (!/^\d{3}$/.test(category.code))
    fields.push({ field: 'code', code: 'INVALID_CODE', message: '类别代码为3位数字' });
  if (!category.name?.trim()) fields.push({ field: 'name', code: 'REQUIRED', message: '请填写类别名称' });
  if (category.level !== '执业医师' && category.level !== '执业助理医师')
    fields.push({ field: 'level', code: 'INVALID_LEVEL', message: '级别须为执业医师或执业助理医师' });
  if (!EDUCATION_LEVELS.includes(category.requirements?.minimumEducation))
    fields.push({ field: 'minimumEducation', code: 'INVALID_EDUCATION', message: '请选择最低学历' });
  throwIfAny(fields);
}

export function validateArea(code: string, name: string): void {
  const fields: FieldError[] = [];
  if (!/^\d{2}$/.test(code))
    fields.push({ field: 'code', code: 'INVALID_CODE', message: '考区代码为2位省级行政区划代码' });
  if (!name?.trim()) fields.push({ field: 'name', code: 'REQUIRED', message: '请填写考区名称' });
  throwIfAny(fields);
}

function capacityErrors(capacity: number, field: string): FieldError[] {
  if (Number.isInteger(capacity) && capacity >= 0 && capacity <= MAX_SITE_CAPACITY) return [];
  return [{ field, code: 'INVALID_CAPACITY', message: `容量须为0至${MAX_SITE_CAPACITY}的整数` }];
}

export function validateCapacity(capacity: number, field = 'capacity'): void {
  throwIfAny(capacityErrors(capacity, field));
}

/** The new site form's required texts, by the names its labels give them. */
const SITE_TEXTS = [
  ['name', '考点名称'],
  ['city', '所在城市'],
  ['address', '地址'],
] as const;

export function validateSite(site: SiteInput): void {
  const fields: FieldError[] = [];
  if (!/^\d{4}$/.test(site.code) || !site.code.startsWith(site.areaCode))
    fields.push({ field: 'code', code: 'INVALID_CODE', message: '考点代码为4位数字，前2位为考区代码' });
  for (const [field, label] of SITE_TEXTS)
    if (!site[field]?.trim()) fields.push({ field, code: 'REQUIRED', message: `请填写${label}` });
  throwIfAny([...fields, ...capacityErrors(site.capacity, 'capacity')]);
}

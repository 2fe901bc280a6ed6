import { ValidationError, type FieldError } from '../shared/errors';
import { EDUCATION_LEVELS, type CategoryLevel, type CategoryRequirements, type SessionWindows } from './catalog.events';

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

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_SITE_CAPACITY = 100_000;

function instant(fields: FieldError[], field: string, value: string): number {
  const time = INSTANT.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) fields.push({ field, code: 'INVALID_DATE', message: '请输入有效的日期时间' });
  return time;
}

function throwIfAny(fields: FieldError[]): void {
  if (fields.length > 0) throw new ValidationError(fields);
}

export function validateWindows(windows: SessionWindows): void {
  const fields: FieldError[] = [];
  const opens = instant(fields, 'registrationOpensAt', windows.registrationOpensAt);
  const closes = instant(fields, 'registrationClosesAt', windows.registrationClosesAt);
  const deadline = instant(fields, 'withdrawalDeadline', windows.withdrawalDeadline);
  const printOpens = instant(fields, 'ticketPrintingOpensAt', windows.ticketPrintingOpensAt);
  const printCloses = instant(fields, 'ticketPrintingClosesAt', windows.ticketPrintingClosesAt);
  if (opens >= closes)
    fields.push({ field: 'registrationClosesAt', code: 'WINDOW_ORDER', message: '报名截止时间须晚于报名开始时间' });
  if (deadline < opens)
    fields.push({ field: 'withdrawalDeadline', code: 'WINDOW_ORDER', message: '放弃报考截止时间不能早于报名开始时间' });
  if (printOpens >= printCloses)
    fields.push({ field: 'ticketPrintingClosesAt', code: 'WINDOW_ORDER', message: '准考证打印结束时间须晚于开始时间' });
  const badDay = windows.examDates.find((day) => !DAY.test(day) || Number.isNaN(Date.parse(day)));
  if (windows.examDates.length === 0 || badDay !== undefined)
    fields.push({ field: 'examDates', code: 'INVALID_DATE', message: '请填写考试日期（YYYY-MM-DD）' });
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

export function validateCapacity(capacity: number, field = 'capacity'): void {
  if (!Number.isInteger(capacity) || capacity < 0 || capacity > MAX_SITE_CAPACITY)
    throw new ValidationError([{ field, code: 'INVALID_CAPACITY', message: `容量须为0至${MAX_SITE_CAPACITY}的整数` }]);
}

export function validateSite(site: SiteInput): void {
  const fields: FieldError[] = [];
  if (!/^\d{4}$/.test(site.code) || !site.code.startsWith(site.areaCode))
    fields.push({ field: 'code', code: 'INVALID_CODE', message: '考点代码为4位数字，前2位为考区代码' });
  for (const field of ['city', 'name', 'address'] as const)
    if (!site[field]?.trim()) fields.push({ field, code: 'REQUIRED', message: '此项为必填项' });
  throwIfAny(fields);
  validateCapacity(site.capacity);
}

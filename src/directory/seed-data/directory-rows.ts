import type { FieldError } from '../../shared/errors';
import type { DirectoryEntry } from '../directory.types';
import { normalizeName } from '../search/pinyin-keys';
import { parseCsv } from './csv';

/** Province short names as seed/directory/SOURCES.md lists them. */
export const PROVINCES = [
  '北京',
  '天津',
  '河北',
  '山西',
  '内蒙古',
  '辽宁',
  '吉林',
  '黑龙江',
  '上海',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '广西',
  '海南',
  '重庆',
  '四川',
  '贵州',
  '云南',
  '西藏',
  '陕西',
  '甘肃',
  '青海',
  '宁夏',
  '新疆',
];

export interface RowsResult {
  entries: DirectoryEntry[];
  /** Rows refused, by line number; the others are kept. */
  rejected: Array<{ line: number; errors: FieldError[] }>;
}

const MAX_NAME_LENGTH = 60;

/**
 * Reads `name,province,city,<category>` rows (the header names the 4th column `kind` for schools,
 * `level` for hospitals). A bad row is reported with its line and the reason; the rest are kept.
 */
export function readDirectoryRows(text: string): RowsResult {
  const records = parseCsv(text);
  const result: RowsResult = { entries: [], rejected: [] };
  if (records.length === 0) return result;
  const header = records[0].fields.map((f) => f.trim().toLowerCase());
  if (header[0] !== 'name' || header[1] !== 'province' || header[2] !== 'city') {
    result.rejected.push({
      line: records[0].line,
      errors: [{ field: 'header', code: 'CSV_HEADER', message: '首行须为 name,province,city,kind（或 level）' }],
    });
    return result;
  }
  const seen = new Set<string>();
  for (const { line, fields } of records.slice(1)) {
    const errors: FieldError[] = [];
    const name = normalizeName(fields[0] ?? '');
    const province = (fields[1] ?? '').trim();
    const city = (fields[2] ?? '').trim();
    const category = (fields[3] ?? '').trim();
    if (fields.length > 4) errors.push({ field: 'row', code: 'TOO_MANY_COLUMNS', message: '列数过多（最多 4 列）' });
    if (name === '') errors.push({ field: 'name', code: 'NAME_REQUIRED', message: '名称不能为空' });
    else if (name.length > MAX_NAME_LENGTH)
      errors.push({ field: 'name', code: 'NAME_TOO_LONG', message: `名称不能超过 ${MAX_NAME_LENGTH} 个字` });
    else if (!/[\u3400-\u9fff]/.test(name))
      errors.push({ field: 'name', code: 'NAME_NOT_CHINESE', message: '名称须包含汉字' });
    else if (seen.has(name)) errors.push({ field: 'name', code: 'NAME_DUPLICATE', message: '名称在文件中重复' });
    if (!PROVINCES.includes(province))
      errors.push({ field: 'province', code: 'PROVINCE_UNKNOWN', message: '省份须为简称，如 北京、内蒙古' });
    if (city.length > 30) errors.push({ field: 'city', code: 'CITY_TOO_LONG', message: '城市名称过长' });
    if (category.length > 20) errors.push({ field: 'category', code: 'CATEGORY_TOO_LONG', message: '类别过长' });
    if (errors.length > 0) result.rejected.push({ line, errors });
    else {
      seen.add(name);
      result.entries.push({ name, province, city, category });
    }
  }
  return result;
}

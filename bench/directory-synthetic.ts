import type { DirectoryEntry } from '../src/directory/directory.types';
import { PROVINCES } from '../src/directory/seed-data/directory-rows';

/**
 * A SYNTHETIC directory for the benchmark: names assembled from random syllables and common
 * institution words. They are not real institutions and are never shown as such.
 */
const PLACE_CHARS =
  '安宁平阳江山东西南北长重庆厦门沙清河海湖泉州城新华兴德福广龙云天和昌明丰盛泰金石林桥源乐行中台康宝';
const KINDS = [
  '人民医院',
  '中医医院',
  '妇幼保健院',
  '第一人民医院',
  '第二人民医院',
  '中心医院',
  '卫生院',
  '社区卫生服务中心',
  '医科大学',
  '医学院',
  '卫生职业学院',
  '护理职业学院',
  '大学附属医院',
  '口腔医院',
  '肿瘤医院',
  '儿童医院',
];
const DISTRICT_ENDINGS = ['区', '县', '市', '镇'];

export function syntheticDirectory(count: number, seed = 42): DirectoryEntry[] {
  let state = seed >>> 0;
  // mulberry32: a small, well-mixed PRNG, so the same seed gives the same directory.
  const random = (n: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n) | 0;
  };
  const pick = <T>(items: readonly T[] | string) => items[random(items.length)] as T;
  const entries: DirectoryEntry[] = [];
  const seen = new Set<string>();
  while (entries.length < count) {
    const province = pick<string>(PROVINCES);
    const place = pick<string>(PLACE_CHARS) + pick<string>(PLACE_CHARS);
    const district = pick<string>(PLACE_CHARS) + pick<string>(PLACE_CHARS) + pick<string>(DISTRICT_ENDINGS);
    const name = `${province}${place}${random(3) === 0 ? '' : district}${pick<string>(KINDS)}${random(4) === 0 ? `（${pick<string>(PLACE_CHARS)}${pick<string>(PLACE_CHARS)}院区）` : ''}`;
    if (seen.has(name)) continue;
    seen.add(name);
    entries.push({ name, province, city: '', category: '' });
  }
  return entries;
}

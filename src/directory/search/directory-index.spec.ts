import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DirectoryEntry } from '../directory.types';
import { readDirectoryRows } from '../seed-data/directory-rows';
import { DirectoryIndex } from './directory-index';

const seed = (file: string) =>
  readDirectoryRows(readFileSync(join(__dirname, '../../../seed/directory', file), 'utf8')).entries;
const names = (index: DirectoryIndex, q: string, limit = 10) => index.search(q, limit).map((hit) => hit.name);
const entry = (name: string, province = '北京', city = '北京市'): DirectoryEntry => ({
  name,
  province,
  city,
  category: '',
});

describe('DirectoryIndex over the real seed data', () => {
  const employers = new DirectoryIndex(seed('hospitals.csv'));
  const schools = new DirectoryIndex(seed('schools.csv'));

  it('finds 北京大学第一医院 and 北京大学第三医院 by the initials bjdx, as the guide says', () => {
    const found = names(employers, 'bjdx', 20);
    expect(found).toEqual(expect.arrayContaining(['北京大学第一医院', '北京大学第三医院']));
    expect(found.slice(0, 5).every((name) => name.startsWith('北京大学'))).toBe(true);
  });

  it('handles polyphones in place names: 重庆 → cq, 长沙 → cs, 厦门 → xm', () => {
    // 重 is read zhong by default: only its alternative reading chong gives the c.
    expect(names(employers, 'cq', 50).filter((name) => name.startsWith('重庆')).length).toBeGreaterThan(10);
    expect(names(employers, 'cqs', 50).filter((name) => name.startsWith('重庆市')).length).toBeGreaterThan(10);
    expect(names(schools, 'csyx')).toContain('长沙医学院');
    expect(names(schools, 'xmdx')[0]).toBe('厦门大学');
    expect(names(employers, 'chongqing').every((name) => name.startsWith('重庆'))).toBe(true);
  });

  it('matches full pinyin, with or without spaces, and Chinese substrings', () => {
    expect(names(schools, 'xiamen daxue')[0]).toBe('厦门大学');
    expect(names(schools, 'beijingxiehe')).toContain('北京协和医学院');
    expect(names(schools, '协和医学')).toContain('北京协和医学院');
    expect(names(schools, '首都医科')).toEqual(['首都医科大学']);
  });

  it('returns nothing for text that is nowhere in the directory', () => {
    expect(names(schools, '不存在的学校名称')).toEqual([]);
    expect(names(schools, 'qqqqqq')).toEqual([]);
    expect(names(schools, '   ')).toEqual([]);
  });

  it('recognises an exact name as chosen, ignoring spaces and bracket width', () => {
    expect(schools.findExact(' 华北电力大学(保定) ')?.name).toBe('华北电力大学（保定）');
    expect(schools.findExact('华北电力')).toBeUndefined();
  });
});

describe('DirectoryIndex ranking', () => {
  const index = new DirectoryIndex([
    entry('北京市朝阳区人民医院'),
    entry('人民医院'),
    entry('北京人民医院附属门诊部'),
    entry('人民医院分院'),
    entry('北京协和人民医院'),
    entry('北京市人民医院'),
  ]);

  it('orders exact, then prefix, then word start, then substring; shorter names first within each', () => {
    const hits = index.search('人民医院');
    expect(hits.map((hit) => [hit.name, hit.match])).toEqual([
      ['人民医院', 'exact'],
      ['人民医院分院', 'prefix'],
      ['北京市人民医院', 'word'],
      ['北京市朝阳区人民医院', 'word'],
      ['北京人民医院附属门诊部', 'word'],
      ['北京协和人民医院', 'substring'],
    ]);
  });

  it('ranks pinyin the same way and respects the limit', () => {
    const hits = index.search('rmyy', 3);
    expect(hits.map((hit) => [hit.name, hit.match])).toEqual([
      ['人民医院', 'exact'],
      ['人民医院分院', 'prefix'],
      ['北京市人民医院', 'word'],
    ]);
  });

  it('keeps one entry per name, the last one given winning (an import updates the seed)', () => {
    const updated = new DirectoryIndex([entry('甲医院', '北京'), entry('甲医院', '天津', '天津市')]);
    expect(updated.size).toBe(1);
    expect(updated.findExact('甲医院')?.province).toBe('天津');
  });
});

describe('DirectoryIndex pinyin inside a name', () => {
  const index = new DirectoryIndex([entry('北京市朝阳区人民医院'), entry('西安交通大学'), entry('北京大学')]);

  it('finds a word inside the name by its full pinyin or initials', () => {
    expect(names(index, 'renmin')).toEqual(['北京市朝阳区人民医院']);
    expect(names(index, 'chaoyangqu')).toEqual(['北京市朝阳区人民医院']);
    expect(names(index, 'jiaotong')).toEqual(['西安交通大学']);
    expect(names(index, 'jtdx')).toEqual(['西安交通大学']);
  });

  it('calls a whole spelling exact and a beginning prefix', () => {
    expect(index.search('beijingdaxue').map((hit) => hit.match)).toEqual(['exact']);
    expect(index.search('beijingd').map((hit) => [hit.name, hit.match])).toEqual([['北京大学', 'prefix']]);
  });
});

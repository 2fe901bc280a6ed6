import { parseCsv } from './csv';

describe('parseCsv', () => {
  it('splits plain lines and numbers records by their first line, skipping blank lines', () => {
    expect(parseCsv('\uFEFFname,province\n甲医院,北京\r\n\n乙医院,天津\n')).toEqual([
      { line: 1, fields: ['name', 'province'] },
      { line: 2, fields: ['甲医院', '北京'] },
      { line: 4, fields: ['乙医院', '天津'] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('name,city\n"甲,乙","他说""好"""\n"两\n行",x\nlast,y')).toEqual([
      { line: 1, fields: ['name', 'city'] },
      { line: 2, fields: ['甲,乙', '他说"好"'] },
      { line: 3, fields: ['两\n行', 'x'] },
      { line: 5, fields: ['last', 'y'] },
    ]);
  });
});

import { readZip } from '../../../test/support/read-zip';
import { columnName, escapeXml, xlsxStream, type XlsxCell } from './xlsx-stream';
import { zipStream } from './zip-stream';

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function* rowsOf(rows: XlsxCell[][]) {
  yield* rows;
}

describe('zip stream', () => {
  it('writes entries an unzip reader finds whole, with their CRCs', async () => {
    const big = '准考证号1101270110001,'.repeat(50_000); // several deflate chunks
    const archive = await collect(
      zipStream([
        { name: 'a.txt', content: () => ['hello ', Buffer.from('world')] },
        { name: '目录/b.txt', content: () => [big] },
        { name: 'empty', content: () => [] },
      ]),
    );
    const entries = readZip(archive);
    expect([...entries.keys()]).toEqual(['a.txt', '目录/b.txt', 'empty']);
    expect(entries.get('a.txt')!.toString()).toBe('hello world');
    expect(entries.get('目录/b.txt')!.toString()).toBe(big);
    expect(entries.get('empty')!.length).toBe(0);
    expect(archive.length).toBeLessThan(Buffer.byteLength(big) / 10); // deflated
  });

  it('passes on a failure of an entry’s content rather than finishing the archive', async () => {
    const failing = zipStream([
      {
        name: 'x',
        content: async function* () {
          yield 'part';
          throw new Error('read failed');
        },
      },
    ]);
    await expect(collect(failing)).rejects.toThrow('read failed');
  });
});

describe('xlsx stream', () => {
  const sheet = (rows: XlsxCell[][]) => ({
    name: '报名 & 审核',
    header: ['姓名', '准考证号', '考场'],
    widths: [12, 16, 6],
    rows: rowsOf(rows),
  });

  it('is a workbook of the parts a spreadsheet needs, with one sheet', async () => {
    const entries = readZip(await collect(xlsxStream(sheet([]))));
    expect([...entries.keys()].sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(entries.get('xl/workbook.xml')!.toString()).toContain(
      '<sheet name="报名 &amp; 审核" sheetId="1" r:id="rId1"/>',
    );
    expect(entries.get('xl/_rels/workbook.xml.rels')!.toString()).toContain('Target="worksheets/sheet1.xml"');
    const types = entries.get('[Content_Types].xml')!.toString();
    for (const [part, type] of [
      ['/xl/workbook.xml', 'sheet.main+xml'],
      ['/xl/worksheets/sheet1.xml', 'worksheet+xml'],
      ['/xl/styles.xml', 'styles+xml'],
    ])
      expect(types).toContain(
        `<Override PartName="${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${type}"/>`,
      );
    expect(entries.get('_rels/.rels')!.toString()).toContain('/relationships/officeDocument" Target="xl/workbook.xml"');
    // Each count says how many elements follow (a spreadsheet refuses a workbook whose counts lie).
    const styles = entries.get('xl/styles.xml')!.toString();
    for (const [list, item] of [
      ['fonts', 'font'],
      ['fills', 'fill'],
      ['borders', 'border'],
      ['cellStyleXfs', 'xf'],
      ['cellXfs', 'xf'],
      ['cellStyles', 'cellStyle'],
    ]) {
      const [, count, inner] = new RegExp(`<${list} count="(\\d+)">(.*?)</${list}>`).exec(styles)!;
      expect(inner.match(new RegExp(`<${item}[ >/]`, 'g'))).toHaveLength(Number(count));
    }
  });

  it('writes text as text (a long number stays as written), numbers as numbers, and leaves null cells out', async () => {
    const entries = readZip(
      await collect(
        xlsxStream(
          sheet([
            ['张三', '1101270110001', 3],
            ['=HYPERLINK("x")', null, null],
            [' 李四 ', '', 12],
            ['备注_x0041_', null, null],
          ]),
        ),
      ),
    );
    const xml = entries.get('xl/worksheets/sheet1.xml')!.toString();
    expect(xml).toContain('<row r="1"><c r="A1" s="1" t="inlineStr"><is><t>姓名</t></is></c>');
    expect(xml).toContain(
      '<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c>' +
        '<c r="B2" t="inlineStr"><is><t>1101270110001</t></is></c><c r="C2"><v>3</v></c></row>',
    );
    // Inline text is never a formula, so nothing is prefixed as in the CSV.
    expect(xml).toContain('<row r="3"><c r="A3" t="inlineStr"><is><t>=HYPERLINK(&quot;x&quot;)</t></is></c></row>');
    expect(xml).toContain('<t xml:space="preserve"> 李四 </t>');
    expect(xml).toContain('<c r="C4"><v>12</v></c></row>');
    // Written as is, _x0041_ would show as "A": its underscore is escaped, so it shows as typed.
    expect(xml).toContain('<row r="5"><c r="A5" t="inlineStr"><is><t>备注_x005F_x0041_</t></is></c></row></sheetData>');
    expect(xml).toContain('<col min="2" max="2" width="16" customWidth="1"/>');
    expect(xml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
  });

  it('names columns as spreadsheets do', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('escapes markup and drops characters XML cannot carry, keeping rare characters beyond U+FFFF', () => {
    expect(escapeXml('a<b>&"c"\u0001\u001F\uD800x𠀀明')).toBe('a&lt;b&gt;&amp;&quot;c&quot;x𠀀明');
    expect(escapeXml('第一行\n第二行\t\r')).toBe('第一行\n第二行\t\r'); // XML's own whitespace stays
    expect(escapeXml('\uDC00a\uFFFE')).toBe('a');
  });
});

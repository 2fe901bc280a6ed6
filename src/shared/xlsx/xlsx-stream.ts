import { zipStream } from './zip-stream';

export type XlsxCell = string | number | null;

export interface XlsxSheet {
  name: string;
  header: string[];
  /** Character widths of the columns, in header order (Excel's unit: one digit). */
  widths?: number[];
  rows: AsyncIterable<XlsxCell[]>;
}

/** Rows a worksheet holds, the header included (Excel 2007 and later). */
export const XLSX_MAX_ROWS = 1_048_576;

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * One worksheet as an Office Open XML workbook (.xlsx), streamed. Text goes in as inline strings,
 * so a spreadsheet shows a 13-digit number or an id as written (never 1.1E+12) and runs nothing
 * as a formula; numbers go in as numbers. The header row is bold and stays in view.
 */
export function xlsxStream(sheet: XlsxSheet, modified = new Date()): AsyncGenerator<Buffer> {
  const part = (name: string, xml: string) => ({ name, content: () => [DECLARATION + xml] });
  return zipStream(
    [
      part('[Content_Types].xml', contentTypes()),
      part('_rels/.rels', relationships([['officeDocument', 'xl/workbook.xml']])),
      part(
        'xl/workbook.xml',
        `<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets>` +
          `<sheet name="${escapeXml(sheet.name)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
      part(
        'xl/_rels/workbook.xml.rels',
        relationships([
          ['worksheet', 'worksheets/sheet1.xml'],
          ['styles', 'styles.xml'],
        ]),
      ),
      part('xl/styles.xml', styles()),
      { name: 'xl/worksheets/sheet1.xml', content: () => worksheet(sheet) },
    ],
    modified,
  );
}

async function* worksheet(sheet: XlsxSheet): AsyncGenerator<string> {
  const columns = (sheet.widths ?? [])
    .map((width, index) => `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`)
    .join('');
  yield (
    DECLARATION +
    `<worksheet xmlns="${MAIN}"><sheetViews><sheetView workbookViewId="0">` +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    (columns ? `<cols>${columns}</cols>` : '') +
    '<sheetData>' +
    rowXml(1, sheet.header, 1)
  );
  let number = 1;
  let batch = '';
  for await (const cells of sheet.rows) {
    if (++number > XLSX_MAX_ROWS) throw new Error(`a worksheet holds at most ${XLSX_MAX_ROWS} rows`);
    batch += rowXml(number, cells);
    if (batch.length >= 64 * 1024) {
      yield batch;
      batch = '';
    }
  }
  yield batch + '</sheetData></worksheet>';
}

function rowXml(number: number, cells: XlsxCell[], style = 0): string {
  const styled = style ? ` s="${style}"` : '';
  let xml = `<row r="${number}">`;
  cells.forEach((value, index) => {
    const ref = `${columnName(index)}${number}`;
    if (value === null || value === '') return;
    if (typeof value === 'number' && Number.isFinite(value)) xml += `<c r="${ref}"${styled}><v>${value}</v></c>`;
    else xml += `<c r="${ref}"${styled} t="inlineStr"><is>${textXml(String(value))}</is></c>`;
  });
  return xml + '</row>';
}

function textXml(text: string): string {
  const spaced = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
  // Spreadsheets read _xHHHH_ in cell text as the character U+HHHH: its underscore is escaped so.
  const literal = text.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_');
  return `<t${spaced}>${escapeXml(literal)}</t>`;
}

/** A, B, … Z, AA, AB, … for a zero-based column index. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Escapes markup and drops what XML 1.0 cannot carry (control characters, lone surrogates). */
export function escapeXml(text: string): string {
  return xmlCharacters(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function xmlCharacters(text: string): string {
  let clean = true;
  for (let i = 0; i < text.length && clean; i++) {
    const unit = text.charCodeAt(i);
    clean = unit >= 0x20 ? unit < 0xd800 || (unit > 0xdfff && unit < 0xfffe) : isXmlWhitespace(unit);
  }
  if (clean) return text;
  let kept = '';
  for (const character of text) {
    const point = character.codePointAt(0)!;
    const allowed =
      point < 0x20 ? isXmlWhitespace(point) : point < 0xd800 || (point > 0xdfff && point < 0xfffe) || point > 0xffff;
    if (allowed) kept += character;
  }
  return kept;
}

const isXmlWhitespace = (unit: number) => unit === 0x09 || unit === 0x0a || unit === 0x0d;

function contentTypes(): string {
  return (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPE}.sheet.main+xml"/>` +
    `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CONTENT_TYPE}.worksheet+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE}.styles+xml"/>` +
    '</Types>'
  );
}

function relationships(targets: Array<[type: string, target: string]>): string {
  const each = targets.map(
    ([type, target], index) =>
      `<Relationship Id="rId${index + 1}" Type="${RELATIONSHIPS}/${type}" Target="${target}"/>`,
  );
  return `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${each.join('')}</Relationships>`;
}

/** The default style (0) and a bold one (1) for the header. */
function styles(): string {
  return (
    `<styleSheet xmlns="${MAIN}">` +
    '<fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  );
}

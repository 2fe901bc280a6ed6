import { documentText } from './document-text';

describe('the characters a document draws, per weight', () => {
  it('takes bold characters from headings, table headers, strong text and the ticket number only', () => {
    const html =
      '<style>/* 样式 */</style><h1 class="doc-title">报名表</h1><p>姓名：<strong>吉𠮷</strong></p>' +
      '<table><tr><th>考点</th><td>海淀</td></tr></table><p>号：<span class="ticket-number">２７</span></p>';
    const text = documentText(html);
    expect([...text.bold].sort()).toEqual([...'报名表吉𠮷考点２７'].sort());
    expect([...text.regular].sort()).toEqual([...'样式报名表姓：吉𠮷考点海淀号２７'].sort());
  });

  it('leaves ASCII out (it is always embedded) and lists each character once', () => {
    expect(documentText('<p>ABC 准考证 准考证</p>')).toEqual({ regular: '准考证', bold: '' });
  });
});

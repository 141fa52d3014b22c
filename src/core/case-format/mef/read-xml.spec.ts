import { readXml } from './read-xml';

describe('readXml', () => {
  it('reads elements, attributes, text, entities and CDATA, skipping comments and declarations', () => {
    const result = readXml(
      '<?xml version="1.0"?>\n<!DOCTYPE opsa-mef>\n<!-- a model -->\n' +
        '<a x="1 &amp; 2" y=\'&#65;&#x42;\'>\n  <b/>\n  <c>t &lt;3<![CDATA[<raw>]]></c>\n</a>\n',
    );
    expect(result).toEqual({
      ok: true,
      root: {
        a: [{ b: [] }, { c: [{ '#text': 't <3' }, { '#text': '<raw>' }] }],
        ':@': { x: '1 & 2', y: 'AB' },
      },
    });
  });

  it.each([
    ['an unclosed element', '<a>\n<b>\n</a>', 3],
    ['a mismatched closing tag', '<a>\n</b>', 2],
    ['a second root', '<a/>\n<b/>', 2],
    ['text outside the root', '<a/>text', 1],
    ['an unquoted attribute', '<a>\n<b x=1/>\n</a>', 2],
    ['a bare ampersand', '<a>\nx & y\n</a>', 2],
    ['a repeated attribute', '<a>\n<b x="1" x="2"/>\n</a>', 2],
  ])('refuses %s, with its line', (_, text, line) => {
    const result = readXml(text);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.line).toBe(line);
  });

  it('refuses a document with no element', () => {
    expect(readXml('<!-- nothing -->')).toEqual({
      ok: false,
      message: 'the document has no root element',
      line: null,
    });
  });
});

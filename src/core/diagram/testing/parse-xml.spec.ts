import { parseXml } from './parse-xml';

describe('parseXml (the specs rely on it refusing what is not well-formed)', () => {
  it('reads elements, attributes, text and references', () => {
    expect(parseXml('<a x="1 &amp; &#60;"><b/>t &lt;&#x3e;<c y="2">u</c></a>')).toEqual({
      name: 'a',
      attributes: { x: '1 & <' },
      text: 't <>',
      children: [
        { name: 'b', attributes: {}, children: [], text: '' },
        { name: 'c', attributes: { y: '2' }, children: [], text: 'u' },
      ],
    });
  });

  it.each([
    ['an unclosed element', '<a><b></a>'],
    ['a stray closing tag', '<a></a></b>'],
    ['two roots', '<a/><b/>'],
    ['a raw ampersand', '<a>x & y</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a < in an attribute', '<a x="<"/>'],
    ['an unquoted attribute', '<a x=1/>'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['attributes without a space', '<a x="1"y="2"/>'],
    ['a control character', '<a>\u0007</a>'],
    ['a lone surrogate', '<a>\ud800</a>'],
  ])('refuses %s', (_name, source) => {
    expect(() => parseXml(source)).toThrow();
  });
});

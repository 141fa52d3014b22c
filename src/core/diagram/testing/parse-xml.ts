/**
 * A strict little XML reader for specs: enough of XML 1.0 to check that the SVG we write is
 * well-formed (one root, balanced tags, quoted attributes, no duplicate attributes, only
 * predefined or numeric entities, only characters XML allows) and to query it. Comments,
 * CDATA, doctypes and processing instructions are refused: the renderer writes none.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (entities decoded), not its children's. */
  readonly text: string;
}

const NAME_START = /[A-Za-z_:]/;
const NAME_CHAR = /[A-Za-z0-9_:.-]/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(source: string): XmlElement {
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${at}: ${JSON.stringify(source.slice(at, at + 30))}`);
  };
  const skipSpace = () => {
    while (at < source.length && ' \t\r\n'.includes(source[at])) at++;
  };
  const expect = (s: string) => {
    if (!source.startsWith(s, at)) fail(`expected ${JSON.stringify(s)}`);
    at += s.length;
  };
  const readName = (): string => {
    const start = at;
    if (!NAME_START.test(source[at] ?? '')) fail('expected a name');
    while (at < source.length && NAME_CHAR.test(source[at])) at++;
    return source.slice(start, at);
  };
  /** Characters up to `end`, with references decoded and every character checked. */
  const readChars = (end: string, forbidden: string): string => {
    let out = '';
    while (at < source.length && !end.includes(source[at])) {
      const ch = source[at];
      if (forbidden.includes(ch)) fail(`unexpected ${JSON.stringify(ch)}`);
      if (ch === '&') {
        const semi = source.indexOf(';', at);
        if (semi < 0) fail('unterminated reference');
        const ref = source.slice(at + 1, semi);
        const code = /^#x[0-9a-fA-F]+$/.test(ref)
          ? parseInt(ref.slice(2), 16)
          : /^#[0-9]+$/.test(ref)
            ? parseInt(ref.slice(1), 10)
            : undefined;
        const decoded = code !== undefined ? String.fromCodePoint(code) : ENTITIES[ref];
        if (decoded === undefined) fail(`unknown entity &${ref};`);
        out += decoded;
        at = semi + 1;
        continue;
      }
      const code = source.codePointAt(at)!;
      const allowed =
        code === 0x9 ||
        code === 0xa ||
        code === 0xd ||
        (code >= 0x20 && code <= 0xd7ff) ||
        (code >= 0xe000 && code <= 0xfffd) ||
        code >= 0x10000;
      if (!allowed) fail(`character U+${code.toString(16)} is not allowed in XML`);
      const width = code >= 0x10000 ? 2 : 1;
      out += source.slice(at, at + width);
      at += width;
    }
    return out;
  };

  const readElement = (): XmlElement => {
    expect('<');
    const name = readName();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = at;
      skipSpace();
      if (source.startsWith('/>', at)) {
        at += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (source[at] === '>') {
        at++;
        break;
      }
      if (at === before) fail('expected a space before an attribute');
      const attribute = readName();
      if (attribute in attributes) fail(`duplicate attribute ${attribute}`);
      skipSpace();
      expect('=');
      skipSpace();
      expect('"');
      attributes[attribute] = readChars('"', '<');
      expect('"');
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (at >= source.length) fail(`unclosed <${name}>`);
      if (source.startsWith('</', at)) {
        at += 2;
        const closing = readName();
        if (closing !== name) fail(`</${closing}> closes <${name}>`);
        skipSpace();
        expect('>');
        return { name, attributes, children, text };
      }
      if (source[at] === '<') {
        if (source[at + 1] === '!' || source[at + 1] === '?') {
          fail('markup the renderer never writes');
        }
        children.push(readElement());
      } else {
        text += readChars('<', '');
      }
    }
  };

  skipSpace();
  const root = readElement();
  skipSpace();
  if (at !== source.length) fail('content after the root element');
  return root;
}

/** Every element below `root` (and root itself) that satisfies `test`, in document order. */
export function findElements(
  root: XmlElement,
  test: (e: XmlElement) => boolean,
): readonly XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (e: XmlElement) => {
    if (test(e)) found.push(e);
    e.children.forEach(visit);
  };
  visit(root);
  return found;
}

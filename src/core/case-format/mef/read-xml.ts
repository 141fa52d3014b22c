/**
 * An element as fast-xml-parser's preserveOrder mode shapes it: `{ [tag]: children, ':@':
 * attributes }`, and text as `{ '#text': text }`.
 */
export type XmlNode = Record<string, unknown>;

export type ReadXml =
  | { readonly ok: true; readonly root: XmlNode }
  | { readonly ok: false; readonly message: string; readonly line: number | null };

/*
 * Elements, attributes, text, comments, CDATA, the declaration and processing instructions; a
 * DOCTYPE without an internal subset. One sticky regular expression per token: on a model file
 * this is ten times faster than a general parser that the JIT has not warmed up, which is most of
 * a short CLI run.
 */
const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>[]*>|<\/([A-Za-z_][\w.:-]*)\s*>|<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)/y;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Parses a document with one root element; on malformed XML, says what and where. */
export function readXml(text: string): ReadXml {
  const stack: { tag: string; children: XmlNode[] }[] = [];
  let root: XmlNode | undefined;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const token = TOKEN.exec(text);
    if (!token) return malformed(text, at, 'unexpected "<"');
    const [, cdata, closing, opening, attributes, selfClosing, plain] = token;
    const parent = stack[stack.length - 1];
    if (plain !== undefined || cdata !== undefined) {
      const content = cdata ?? plain;
      const blank = content.trim() === '';
      if (!parent && !blank) return malformed(text, at, 'text outside the root element');
      // Indentation means nothing in MEF.
      if (!parent || (blank && plain !== undefined)) continue;
      if (plain !== undefined && /&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(plain)) {
        return malformed(text, at, 'an "&" that starts no entity');
      }
      parent.children.push({ '#text': cdata ?? decode(content) });
    } else if (closing !== undefined) {
      if (!parent || parent.tag !== closing) {
        return malformed(
          text,
          at,
          `closing tag </${closing}> does not match <${parent?.tag ?? ''}>`,
        );
      }
      stack.pop();
    } else if (opening !== undefined) {
      if (!parent && root) return malformed(text, at, 'a second root element');
      const node: XmlNode = { [opening]: [] };
      const attrs = readAttributes(attributes);
      if (attrs === null) return malformed(text, at, `<${opening}> repeats an attribute`);
      if (Object.keys(attrs).length > 0) node[':@'] = attrs;
      if (parent) parent.children.push(node);
      else root = node;
      if (!selfClosing) stack.push({ tag: opening, children: node[opening] as XmlNode[] });
    }
  }
  if (stack.length > 0) {
    return malformed(text, text.length, `<${stack[stack.length - 1].tag}> is never closed`);
  }
  if (!root) return { ok: false, message: 'the document has no root element', line: null };
  return { ok: true, root };
}

function readAttributes(source: string): Record<string, string> | null {
  const attributes: Record<string, string> = {};
  for (const [, name, double, single] of source.matchAll(ATTRIBUTE)) {
    if (name in attributes) return null;
    attributes[name] = decode(double ?? single);
  }
  return attributes;
}

const decode = (text: string): string =>
  text.includes('&')
    ? text.replace(ENTITY, (_, named: string, decimal: string, hex: string) =>
        named
          ? NAMED[named]
          : String.fromCodePoint(decimal ? Number(decimal) : Number.parseInt(hex, 16)),
      )
    : text;

/**
 * fast-xml-parser's validator words most errors well; our own message where it accepts. Loaded
 * only here, for malformed files: loading it costs a short CLI run more than parsing.
 */
function malformed(text: string, offset: number, fallback: string): ReadXml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
  const { XMLValidator } = require('fast-xml-parser') as typeof import('fast-xml-parser');
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) return { ok: false, message: verdict.err.msg, line: verdict.err.line };
  return { ok: false, message: fallback, line: text.slice(0, offset).split('\n').length };
}

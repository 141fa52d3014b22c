import { parseMefFile } from './parse-mef';
import { readCaseInput } from '../../case-input/read-case-input';

const mef = (body: string, modelData = '') =>
  [
    '<?xml version="1.0"?>',
    '<opsa-mef>',
    '<define-fault-tree name="Plant">',
    body,
    '</define-fault-tree>',
    `<model-data>${modelData}</model-data>`,
    '</opsa-mef>',
  ].join('\n');

const lineOf = (text: string, needle: string) =>
  text.slice(0, text.indexOf(needle)).split('\n').length;

describe('parseMefFile (SPEC §9)', () => {
  it('maps gates to pathways and claims with the failure-to-requirement rule', () => {
    const text = mef(
      [
        '<define-gate name="Top"><or><gate name="g1"/><gate name="g2"/><basic-event name="e1"/></or></define-gate>',
        '<define-gate name="g1"><and><basic-event name="e1"/><basic-event name="e2"/></and></define-gate>',
        // 2 of 3 failures: at most one may fail, so 2 of 3 must hold.
        '<define-gate name="g2"><atleast min="2"><basic-event name="e1"/><basic-event name="e2"/>',
        '<and><basic-event name="e3"/><house-event name="h"/></and></atleast></define-gate>',
        '<define-basic-event name="e1"><float value="0.1"/></define-basic-event>',
      ].join('\n'),
      [
        '<define-basic-event name="e2"><parameter name="p"/></define-basic-event>',
        '<define-basic-event name="e3"/>',
        '<define-parameter name="p"><parameter name="q"/></define-parameter>',
        '<define-parameter name="q"><float value="0.25"/></define-parameter>',
        '<define-house-event name="h"><constant value="true"/></define-house-event>',
      ].join('\n'),
    );
    const { case: c, issues } = parseMefFile({ text });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(c!.report).toMatchObject({ key: 'plant', title: 'Plant' });
    expect(c!.pathways).toEqual([
      {
        key: 'top',
        title: 'Top',
        description: null,
        requires: { mode: 'all' },
        supports: ['g1', 'g2', 'e1'],
      },
    ]);
    expect(c!.claims.map((cl) => [cl.key, cl.requires, cl.supports, cl.assumed])).toEqual([
      ['g1', { mode: 'any' }, ['e1', 'e2'], false],
      ['g2', { mode: 'atLeast', atLeast: 2 }, ['e1', 'e2', 'g2.1'], false],
      ['g2.1', { mode: 'any' }, ['e3', 'h'], false],
      // A house event set to true has occurred: a claim that does not hold.
      ['h', { mode: 'all' }, [], false],
    ]);
    expect(c!.mitigations.map((m) => [m.key, m.status, m.probability])).toEqual([
      ['e1', 'in_place', 0.1],
      ['e2', 'in_place', 0.25],
      ['e3', 'in_place', undefined],
    ]);
  });

  it('makes keys of names that are not keys, keeping them unique', () => {
    const text = mef(
      '<define-gate name="TOP"><or><basic-event name="Pump A"/><basic-event name="pump-a"/></or></define-gate>',
      '<define-basic-event name="Pump A"/><define-basic-event name="pump-a"/>',
    );
    const { case: c } = parseMefFile({ text });
    expect(c!.pathways[0].supports).toEqual(['pump-a-2', 'pump-a']);
    expect(c!.mitigations.map((m) => [m.key, m.title])).toEqual([
      ['pump-a-2', 'Pump A'],
      ['pump-a', 'pump-a'],
    ]);
  });

  it.each(['not', 'xor', 'nand', 'nor', 'imply', 'iff'])(
    'refuses <%s>, naming the gate and its line',
    (tag) => {
      const text = mef(
        `<define-gate name="top"><or><gate name="g"/><basic-event name="e"/></or></define-gate>\n` +
          `<define-gate name="g"><${tag}><basic-event name="e"/></${tag}></define-gate>`,
        '<define-basic-event name="e"/>',
      );
      const { case: c, issues } = parseMefFile({ text });
      expect(c).toBeNull();
      expect(issues).toEqual([
        expect.objectContaining({
          code: 'UNSUPPORTED_MEF',
          keys: ['g'],
          line: lineOf(text, 'name="g"><'),
        }),
      ]);
      expect(issues[0].message).toContain(`gate 'g' uses <${tag}>`);
    },
  );

  it('refuses a reference to an undefined event, naming both', () => {
    const text = mef(
      '<define-gate name="top"><or><basic-event name="a"/><gate name="missing"/></or></define-gate>',
      '<define-basic-event name="a"/>',
    );
    expect(parseMefFile({ text }).issues).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_REFERENCE', keys: ['top', 'missing'] }),
    ]);
  });

  it('refuses a probability outside 0..1 and an expression it cannot evaluate', () => {
    const gate =
      '<define-gate name="top"><or><basic-event name="a"/><basic-event name="b"/></or></define-gate>';
    const outside = parseMefFile({
      text: mef(
        gate,
        '<define-basic-event name="a"><float value="1.5"/></define-basic-event><define-basic-event name="b"/>',
      ),
    });
    expect(outside.issues).toEqual([
      expect.objectContaining({ code: 'INVALID_FIELD', keys: ['a'] }),
    ]);
    const exponential = parseMefFile({
      text: mef(
        gate,
        '<define-basic-event name="a"><exponential><float value="1e-4"/><system-mission-time/></exponential></define-basic-event><define-basic-event name="b"/>',
      ),
    });
    expect(exponential.issues).toEqual([
      expect.objectContaining({
        code: 'UNSUPPORTED_MEF',
        keys: ['a'],
      }),
    ]);
    expect(exponential.issues[0].message).toContain('<exponential>');
  });

  it('reports XML syntax errors with their line', () => {
    const result = parseMefFile({ text: '<opsa-mef>\n<define-gate name="a">\n</opsa-mef>' });
    expect(result.case).toBeNull();
    expect(result.issues).toEqual([expect.objectContaining({ code: 'XML_SYNTAX', line: 3 })]);
  });

  it('reports cycles through gates as the case validator does', () => {
    const text = mef(
      '<define-gate name="top"><or><gate name="a"/><basic-event name="e"/></or></define-gate>' +
        '<define-gate name="a"><or><gate name="b"/><basic-event name="e"/></or></define-gate>' +
        '<define-gate name="b"><or><gate name="a"/><basic-event name="e"/></or></define-gate>',
      '<define-basic-event name="e"/>',
    );
    const { case: c, issues } = parseMefFile({ text });
    expect(c).toBeNull();
    expect(issues).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'CYCLE' })]));
  });
});

describe('readCaseInput', () => {
  it('reads .xml as MEF and anything else as the YAML case format', () => {
    const xml = mef(
      '<define-gate name="top"><basic-event name="e"/></define-gate>',
      '<define-basic-event name="e"/>',
    );
    expect(
      readCaseInput({ fileName: 'model.XML', text: xml }).case?.pathways.map((p) => p.key),
    ).toEqual(['top']);
    const yaml = readCaseInput({ fileName: 'case.yaml', text: xml });
    expect(yaml.case).toBeNull();
    expect(yaml.issues[0].code).not.toBe('XML_SYNTAX');
  });
});

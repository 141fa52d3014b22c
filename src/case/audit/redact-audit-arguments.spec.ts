import { redactAuditArguments } from './redact-audit-arguments';

const open = new Set(['r/egress-monitor', 'r/model-evals']);
const isOpenNode = (report: string, key: string) => open.has(`${report}/${key}`);

describe('redactAuditArguments', () => {
  it('keeps the arguments of a write to a node that is there and unrestricted', () => {
    const args = { report: 'r', key: 'egress-monitor', status: 'degraded', note: 'drill' };
    expect(redactAuditArguments('setMitigationStatus', args, 'r', isOpenNode)).toBe(args);
  });

  it('redacts text, not identifiers, of a write to a restricted or missing node', () => {
    const args = {
      report: 'r',
      key: 'weights',
      input: { title: 'secret', supports: ['a'], effort: 2, restricted: true, dependsOn: ['x'] },
    };
    expect(redactAuditArguments('updateMitigation', args, 'r', isOpenNode)).toEqual({
      report: 'r',
      key: 'weights',
      input: {
        title: '[restricted]',
        supports: ['[restricted]'],
        effort: 2,
        restricted: true,
        dependsOn: ['x'],
      },
    });
  });

  it('redacts a write that restricts an open node, and a create by input.key', () => {
    const restricting = {
      report: 'r',
      key: 'model-evals',
      input: { restricted: true, title: 's' },
    };
    expect(redactAuditArguments('updateEvidence', restricting, 'r', isOpenNode)).toMatchObject({
      input: { title: '[restricted]' },
    });
    const create = { report: 'r', input: { key: 'model-evals', title: 'evals' } };
    expect(redactAuditArguments('createEvidence', create, 'r', isOpenNode)).toBe(create);
  });

  it('fails closed: a case file, an unknown mutation, an entry without a report', () => {
    expect(redactAuditArguments('importCase', { document: 'x: 1' }, null, isOpenNode)).toEqual({
      document: '[restricted]',
    });
    const hashed = { document: { length: 9000, sha256: 'ab' } };
    expect(redactAuditArguments('importCase', hashed, null, isOpenNode)).toEqual(hashed);
    expect(
      redactAuditArguments('futureMutation', { report: 'r', comment: 'text' }, 'r', isOpenNode),
    ).toEqual({ report: 'r', comment: '[restricted]' });
    expect(
      redactAuditArguments(
        'setMitigationStatus',
        { key: 'egress-monitor', note: 'n' },
        null,
        isOpenNode,
      ),
    ).toMatchObject({ note: '[restricted]' });
  });

  it('keeps the arguments of report and token mutations, which carry no node text', () => {
    const args = { input: { key: 'r2', title: 'Next model' } };
    expect(redactAuditArguments('createReport', args, 'r2', isOpenNode)).toBe(args);
  });
});

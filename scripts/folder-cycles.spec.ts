import { join } from 'node:path';
import { findFolderCycles, readFolderGraph, type FolderGraph } from './folder-cycles';

const graphOf = (edges: Record<string, string[]>): FolderGraph =>
  new Map(Object.entries(edges).map(([from, to]) => [from, new Set(to)]));

describe('findFolderCycles', () => {
  it.each([
    ['no edges', {}, []],
    ['a chain', { a: ['b'], b: ['c'] }, []],
    ['a diamond', { a: ['b', 'c'], b: ['d'], c: ['d'] }, []],
    ['two folders importing each other', { a: ['b'], b: ['a'] }, [['a', 'b']]],
    ['a long loop with a tail', { t: ['a'], a: ['b'], b: ['c'], c: ['a'] }, [['a', 'b', 'c']]],
    [
      'two separate loops',
      { x: ['y'], y: ['x'], a: ['b'], b: ['a', 'x'] },
      [
        ['a', 'b'],
        ['x', 'y'],
      ],
    ],
  ])('%s', (_name, edges, expected) => {
    expect(findFolderCycles({ graph: graphOf(edges) })).toEqual(expected);
  });

  it('finds none under src/ (the layers and their folders import one way)', () => {
    const graph = readFolderGraph({ root: join(__dirname, '..', 'src') });
    expect(graph.get('api/graphql/resolvers')).toContain('api/graphql/models');
    expect(findFolderCycles({ graph })).toEqual([]);
  });
});

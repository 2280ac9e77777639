import { describe, expect, it } from 'vitest';
import { codeComponents, groupByCodeThenText } from './group-by-code';

interface Rec { key: string; codes: string[]; text: string }
const r = (key: string, codes: string[], text = ''): Rec => ({ key, codes, text });
const keysOf = (m: Map<string, Rec[]>) => [...m.entries()].map(([k, rs]) => [k, rs.map((x) => x.key).sort()]).sort();

describe('codeComponents', () => {
  // a–b on one record, b–c on another: one component whichever order the codes are listed in.
  for (const [first, second] of [[['a', 'b'], ['b', 'c']], [['b', 'a'], ['c', 'b']], [['a', 'b'], ['c', 'b']], [['b', 'a'], ['b', 'c']]] as const) {
    it(`joins [${first}] and [${second}] transitively into one component keyed by its least code`, () => {
      const m = codeComponents([r('1', [...first]), r('2', [...second])], (x) => x.codes);
      expect(keysOf(m)).toEqual([['a', ['1', '2']]]);
    });
  }
  it('keeps records with no code in common apart', () => {
    expect(keysOf(codeComponents([r('1', ['a']), r('2', ['z'])], (x) => x.codes))).toEqual([['a', ['1']], ['z', ['2']]]);
  });
});

describe('groupByCodeThenText', () => {
  it('puts an uncoded record with the one code group of the same text, else groups it by text', () => {
    const m = groupByCodeThenText([r('1', ['a'], 'Penicillin'), r('2', [], 'penicillin'), r('3', [], 'Latex'), r('4', [], 'latex ')], (x) => x.codes, (x) => x.text);
    expect(keysOf(m)).toEqual([['code:a', ['1', '2']], ['text:latex', ['3', '4']]]);
  });
});

import { describe, expect, it } from 'vitest';
import { jsonSyntaxProblem } from './json-problem';

const problem = (text: string) => {
  try {
    JSON.parse(text);
  } catch (e) {
    return jsonSyntaxProblem(text, e);
  }
  throw new Error('parsed');
};

describe('jsonSyntaxProblem', () => {
  it('names the line and column of a trailing comma (the commonest hand-editing slip)', () => {
    // The offending "}" is the first character of line 4.
    expect(problem('{\n  "clientId": "viewer",\n  "launch": [],\n}')).toBe('line 4, column 1: Expected double-quoted property name');
  });

  it('names the line and column of a missing colon', () => {
    expect(problem('{\n  "clientId" "viewer"\n}')).toBe("line 2, column 14: Expected ':' after property name");
  });

  it('says where a file cut short ends, and says so of an empty file', () => {
    // Line 2, `  "launch": [1,`, is 15 characters long: the file ends at its 16th column.
    expect(problem('{\n  "launch": [1,')).toBe('line 2, column 16: the file ends before the JSON is complete');
    expect(problem('  \n')).toBe('the file is empty');
  });

  it('gives any other message as the parser wrote it', () => {
    expect(jsonSyntaxProblem('x', new SyntaxError('Unexpected token'))).toBe('Unexpected token');
  });
});

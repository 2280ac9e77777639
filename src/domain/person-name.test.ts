import { describe, expect, it } from 'vitest';
import { formatPatientName, formatStaffName, pickName } from './person-name';

describe('formatPatientName', () => {
  it('shows FAMILY, Given (Title)', () => {
    expect(formatPatientName([{ family: 'Hart', given: ['Amelia', 'Rose'], prefix: ['Mrs'] }])).toBe('HART, Amelia Rose (Mrs)');
    expect(formatPatientName([{ family: "O'Neill", given: ['Seán'] }])).toBe("O'NEILL, Seán");
    expect(formatPatientName([{ given: ['Cher'] }])).toBe('Cher');
  });

  it('prefers the official name, then usual, and skips old names', () => {
    expect(
      formatPatientName([
        { use: 'old', family: 'Smith', given: ['Ann'] },
        { use: 'usual', family: 'Jones', given: ['Annie'] },
        { use: 'official', family: 'Jones', given: ['Ann'] },
      ]),
    ).toBe('JONES, Ann');
    expect(pickName([{ use: 'maiden', family: 'A' }, { family: 'B' }])?.family).toBe('B');
  });

  it('falls back to text, then to nothing', () => {
    expect(formatPatientName([{ text: 'Baby of Jane Doe' }])).toBe('Baby of Jane Doe');
    expect(formatPatientName([])).toBeUndefined();
    expect(formatPatientName(undefined)).toBeUndefined();
  });
});

describe('formatStaffName', () => {
  it('shows Title Given FAMILY', () => {
    expect(formatStaffName([{ family: 'Hart', given: ['Amelia'], prefix: ['Dr'] }])).toBe('Dr Amelia HART');
    expect(formatStaffName([{ family: 'Pike', given: ['Joanne'] }])).toBe('Joanne PIKE');
  });
});

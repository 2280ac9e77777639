import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compositionHtml, MAX_DEPTH } from './composition-html';

const div = (html: string) => `<div xmlns="http://www.w3.org/1999/xhtml">${html}</div>`;

describe('compositionHtml', () => {
  it('gives each section its title as a heading and its narrative, nested sections one level down, in document order', () => {
    const html = compositionHtml({
      resourceType: 'Composition',
      section: [
        { title: 'Nursing needs', text: { status: 'generated', div: div('<p>Leg ulcer dressing twice weekly</p>') },
          section: [{ title: 'Equipment', text: { status: 'generated', div: div('<p>Pressure-relieving mattress</p>') } }] },
        { code: { text: 'Medicines' }, emptyReason: { text: 'None known' } },
      ],
    });
    expect(html).toBe([
      '<h3>Nursing needs</h3>', div('<p>Leg ulcer dressing twice weekly</p>'),
      '<h4>Equipment</h4>', div('<p>Pressure-relieving mattress</p>'),
      '<h3>Medicines</h3>', '<p>No entries: None known</p>',
    ].join('\n'));
  });

  it('escapes titles: a title is text, never markup', () => {
    expect(compositionHtml({ resourceType: 'Composition', section: [{ title: '<img src=x onerror=alert(1)>' }] })).toBe('<h3>&#60;img src=x onerror=alert(1)&#62;</h3>');
  });

  it('is undefined for anything else, and for a Composition with nothing to show', () => {
    for (const bad of [undefined, null, 'x', {}, { resourceType: 'DocumentReference', section: [{ title: 'A' }] }, { resourceType: 'Composition' },
      { resourceType: 'Composition', section: 'not a list' }, { resourceType: 'Composition', section: [null, 3, {}] }]) {
      expect(compositionHtml(bad)).toBeUndefined();
    }
  });

  it('stops at MAX_DEPTH and says so, however deep the nesting (no recursion)', () => {
    let section: Record<string, unknown> = { title: 'deepest' };
    for (let i = 0; i < 20_000; i++) section = { title: `level ${i}`, section: [section] };
    const html = compositionHtml({ resourceType: 'Composition', section: [section] })!;
    expect(html.match(/<h\d>/g)).toHaveLength(MAX_DEPTH);
    expect(html).toContain('Further nested sections are not shown.');
  });

  it('never lets a title through unescaped (property)', () => {
    fc.assert(fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (titles) => {
      const html = compositionHtml({ resourceType: 'Composition', section: titles.map((title) => ({ title })) }) ?? '';
      expect(html.replace(/<\/?h3>/g, '')).not.toMatch(/[<>]/);
    }));
  });
});

import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { missedContent, Narrative, sanitiseNarrative } from './narrative';

const shown = (xhtml: string) => {
  const { container } = render(<Narrative xhtml={xhtml} />);
  return container.querySelector('.narrative') as HTMLElement;
};

describe('Narrative', () => {
  it('keeps basic XHTML: paragraphs, emphasis, lists, tables and headings', () => {
    const box = shown(
      '<div xmlns="http://www.w3.org/1999/xhtml"><h3>Plan</h3><p><b>Metformin</b> <em>500mg</em></p><ul><li>Review</li></ul>' +
        '<table><thead><tr><th scope="col">Dose</th></tr></thead><tbody><tr><td colspan="1">BD</td></tr></tbody></table></div>',
    );
    expect(screen.getByRole('heading', { name: 'Plan' })).toBeInTheDocument();
    expect(box.querySelector('b')).toHaveTextContent('Metformin');
    expect(screen.getByRole('listitem')).toHaveTextContent('Review');
    expect(screen.getByRole('columnheader', { name: 'Dose' })).toHaveAttribute('scope', 'col');
    expect(screen.getByRole('cell', { name: 'BD' })).toBeInTheDocument();
  });

  it('drops scripts, event handlers, styles, frames, forms, svg and objects', () => {
    const box = shown(
      '<div><script>window.pwned=1</script><p onclick="x()" style="color:red" class="nhsuk-tag" id="root">Text</p>' +
        '<img src="x" onerror="alert(1)"><iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name="q"></form>' +
        '<svg onload="alert(1)"><circle r="1"/></svg><object data="x.swf"></object><style>body{display:none}</style></div>',
    );
    expect(box.innerHTML).toBe('<div><p>Text</p></div>');
    expect(screen.getByText('Text')).toBeInTheDocument();
  });

  it('drops form controls with their words, which would read as buttons of the app ("Sign in again"), and keeps the text around them', () => {
    const box = shown(
      '<div><p>Continue warfarin.</p><form action="https://phish.invalid/"><label>Password</label><input name="password">' +
        '<button>Sign in again</button><select><option>Yes</option></select><textarea>Type here</textarea></form><p>Recheck the INR.</p></div>',
    );
    expect(box.textContent).toBe('Continue warfarin.PasswordRecheck the INR.');
    expect(screen.queryByText(/Sign in again/)).toBeNull();
  });

  it('says what a reader would miss: the pictures, drawings, embedded pages and forms it did not show, counted', () => {
    shown('<div><p>INR 2.5.</p><img src="a.png"><img src="b.png"><svg><circle r="1"/></svg><iframe src="https://x.example"></iframe><form><input></form><p>Recheck.</p></div>');
    expect(screen.getByText('This text contained 2 pictures, a drawing, an embedded page and a form, which the viewer does not show.')).toBeInTheDocument();
    expect(screen.getByText('INR 2.5.')).toBeInTheDocument();
  });

  it('says nothing when only scripts, styles or attributes were removed: they carry nothing to read', () => {
    shown('<div><script>x()</script><style>p{}</style><p style="color:red" onclick="y()">Seen</p></div>');
    expect(screen.getByText('Seen')).toBeInTheDocument();
    expect(screen.queryByText(/which the viewer does not show/)).toBeNull();
  });

  it('names missed content in the order met, one or many', () => {
    expect(missedContent([])).toBe('');
    expect(missedContent(['SCRIPT', 'STYLE'])).toBe('');
    expect(missedContent(['IMG'])).toBe('a picture');
    expect(missedContent(['FORM', 'IMG', 'img'])).toBe('a form and 2 pictures');
    expect(missedContent(['VIDEO', 'AUDIO', 'OBJECT', 'EMBED'])).toBe('a video, a sound recording and 2 embedded objects');
  });

  it('keeps a web link, opening apart from the app, and drops javascript: and data: links to plain text', () => {
    shown(
      '<p><a href="https://www.nhs.uk/conditions/">NHS</a> <a href="javascript:alert(1)">Run</a> ' +
        '<a href=" JaVaScRiPt:alert(1)">Spaced</a> <a href="data:text/html;base64,PHNjcmlwdD4=">Data</a> <a href="/local">Local</a></p>',
    );
    const web = screen.getByRole('link', { name: 'NHS' });
    expect(web).toHaveAttribute('href', 'https://www.nhs.uk/conditions/');
    expect(web).toHaveAttribute('rel', 'noopener noreferrer');
    expect(screen.getAllByRole('link')).toHaveLength(1);
    for (const text of ['Run', 'Spaced', 'Data', 'Local']) expect(screen.getByText(text)).not.toHaveAttribute('href');
  });

  it('drops ARIA and data attributes that could hide or relabel content', () => {
    expect(sanitiseNarrative('<p aria-hidden="true" data-x="1" title="t">Seen</p>')).toBe('<p title="t">Seen</p>');
  });
});

describe('a narrative too large to display safely', () => {
  it('is refused, not sanitised, when nested 20,000 deep or longer than the limit', () => {
    const [r, s, N] = [render, screen, Narrative];
    const deep = `${'<div>'.repeat(20_000)}text${'</div>'.repeat(20_000)}`;
    const started = performance.now();
    r(<N xhtml={deep} />);
    expect(s.getByText('This narrative is too large to display safely, so it is not shown.')).toBeInTheDocument();
    expect(performance.now() - started).toBeLessThan(1000);
    r(<N xhtml={`<div><p>${'x'.repeat(200_000)}</p></div>`} />);
    expect(s.getAllByText('This narrative is too large to display safely, so it is not shown.')).toHaveLength(2);
    r(<N xhtml={'<div><p>Seen in clinic.<br/>Reviewed.</p></div>'} />);
    expect(s.getByText(/Seen in clinic\./)).toBeInTheDocument();
  });
});

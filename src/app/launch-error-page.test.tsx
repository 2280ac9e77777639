import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LaunchError } from '../smart';
import { LaunchErrorPage } from './launch-error-page';

describe('LaunchErrorPage', () => {
  it('says what happened and what to do', () => {
    render(<LaunchErrorPage error={new LaunchError('no-patient')} />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('No patient was selected');
    expect(screen.getByText(/What to do:/).parentElement).toHaveTextContent(
      'What to do: Open the record again from the patient’s record in your clinical system.',
    );
  });

  it('renders details as text, never as markup', () => {
    const { container } = render(<LaunchErrorPage error={new LaunchError('unknown-iss', 'http://x/<img src=x onerror=alert(1)>')} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container).toHaveTextContent('not set up for (http://x/<img src=x onerror=alert(1)>)');
  });
});

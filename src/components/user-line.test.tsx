import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { UserLine } from './user-line';

describe('UserLine', () => {
  it('names the signed-in user', () => {
    render(<UserLine signedInAs="Dr Amelia HART, General practitioner" />);
    expect(screen.getByText('Signed in as Dr Amelia HART, General practitioner')).toBeInTheDocument();
  });

  it('says why it cannot', () => {
    render(<UserLine problem="Signed-in user could not be shown" />);
    expect(screen.getByText('Signed-in user could not be shown')).toBeInTheDocument();
  });
});

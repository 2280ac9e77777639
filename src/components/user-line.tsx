/** "Signed in as Dr Amelia HART, General practitioner", or why it cannot say. */
export function UserLine({ signedInAs, problem }: { signedInAs?: string; problem?: string }) {
  return (
    <p className="user-line">
      {signedInAs ? `Signed in as ${signedInAs}` : (problem ?? 'Signed-in user not known')}
    </p>
  );
}

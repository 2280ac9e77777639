import { launchErrorText, type LaunchError } from '../smart';

/**
 * The page shown when the app cannot start a session: what happened and what to do, in
 * plain words. No stack, no token, no code: the text comes from launchErrorText.
 */
export function LaunchErrorPage({ error }: { error: LaunchError }) {
  const text = launchErrorText(error);
  return (
    <main className="launch-error" aria-labelledby="launch-error-title">
      <title>{`${text.title} – My Care Record`}</title>
      <h1 id="launch-error-title">{text.title}</h1>
      <p>{text.happened}</p>
      <p>
        <strong>What to do: </strong>
        {text.todo}
      </p>
      {text.detail && (
        <p className="launch-error-detail">
          Details for support: <code>{text.detail}</code>
        </p>
      )}
    </main>
  );
}

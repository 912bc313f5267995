/** What a role sees on a screen it may not use (opened by URL): a plain refusal, not a form the server would refuse. */
import type { Role } from '../api/types.ts';

export function Refused({ role, needs }: { role: Role; needs: string }): React.JSX.Element {
  return (
    <section className="screen" aria-labelledby="refused-title">
      <header className="screen-head">
        <h1 id="refused-title">Not available to your account</h1>
      </header>
      <div className="panel" role="alert">
        <p>This screen needs {needs}; you are signed in as {/^[aeiou]/.test(role) ? 'an' : 'a'} {role}.</p>
        <p className="muted">Ask an administrator if you need it. <a href="#/alerts">Back to the alerts</a></p>
      </div>
    </section>
  );
}

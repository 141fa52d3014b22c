import { useState } from 'preact/hooks';
import { setToken } from '../token';

/** Asks for a bearer token; the page reloads with it (kept in this tab's session storage). */
export function SignIn(props: { reason?: string }) {
  const [token, setDraft] = useState('');
  return (
    <form
      class="sign-in"
      data-testid="sign-in"
      onSubmit={(e) => {
        e.preventDefault();
        setToken(token);
        window.location.reload();
      }}
    >
      <h1>loadbearing</h1>
      <p>{props.reason ?? 'Sign in with an access token.'}</p>
      <p class="muted small">
        The service prints a sign-in link for the first administrator when it first starts (and
        keeps that token in <code>DATA_DIR/admin-token</code>); an owner can create more tokens with
        the <code>createAccessToken</code> mutation.
      </p>
      <input
        type="password"
        autoComplete="off"
        placeholder="lb_…"
        value={token}
        onInput={(e) => setDraft(e.currentTarget.value)}
        data-testid="token-input"
        aria-label="Access token"
      />
      <button type="submit" disabled={!token.trim()}>
        Sign in
      </button>
    </form>
  );
}

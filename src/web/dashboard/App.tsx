import { useMemo, useState } from "react";
import { createApi } from "./api.ts";
import { Shell } from "./components/Shell.tsx";
import { SignIn } from "./components/SignIn.tsx";
import { forgetToken, readToken, saveToken } from "./session-token.ts";

/** Signed out: the sign-in form. Signed in: the dashboard, calling the API with the tab's token. */
export function App() {
  const [token, setToken] = useState<string | null>(() => readToken());
  const [expired, setExpired] = useState(false);
  const api = useMemo(
    () =>
      token
        ? createApi(token, () => {
            forgetToken();
            setToken(null);
            setExpired(true);
          })
        : null,
    [token],
  );

  if (!api)
    return (
      <SignIn
        expired={expired}
        onSignedIn={(accepted) => {
          saveToken(accepted);
          setExpired(false);
          setToken(accepted);
        }}
      />
    );
  return (
    <Shell
      api={api}
      onSignOut={() => {
        forgetToken();
        setToken(null);
      }}
    />
  );
}

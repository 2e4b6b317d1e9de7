#pragma once

#include <QStringList>

namespace rolldeck {

class CommandIo;

// `rolldeck credential argocd login | logout | status` (docs/argocd.md "Credentials"): an Argo CD token per server,
// kept in the OS keychain under argocd::keychainKeyFor(server) and nowhere else.
//   login   --username NAME (the password read from standard input: POST /api/v1/session) or --token (an API token
//           read from standard input), or --from-argocd-cli (ARGOCD_AUTH_TOKEN or the argocd CLI's config, read
//           only). The token is checked (not expired, GET /api/v1/session/userinfo) before it is stored; logging in
//           again replaces it and ends the replaced session.
//   logout  ends the session and removes the keychain entry.
//   status  the token in use (keychain, else the argocd CLI's), its expiry, and a list of applications with it.
// The server: --server, else ARGOCD_SERVER, else the argocd CLI's current context.
// Exit status: 0 done; 1 not logged in / the token expired or was refused; 2 usage, network or keychain errors.
class ArgoCdCredentialCommand
{
public:
    enum ExitCode { Ok = 0, NotLoggedIn = 1, Error = 2 };

    // arguments: everything after "credential argocd".
    static int run(const QStringList &arguments, const CommandIo &io);
};

} // namespace rolldeck

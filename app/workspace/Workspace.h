#pragma once

// The workspace file (docs/workspace.md): environments mapped to kube contexts and namespaces, Argo CD
// applications, Prometheus endpoints, per-environment policy, success criteria and rollback triggers.
//
// Usage:
//     Result<Workspace> ws = loadWorkspace(path);          // every unknown key / wrong type is an error with a line
//     if (!ws) showError(ws.error());                       // "file:line:col: message", one per line
//     Workspace fallback = workspaceFromKubeconfig(kc);     // no file: each kubeconfig context is an environment
//     for (const auto &p : checkWorkspaceContexts(*ws, kc)) ...  // contexts named but absent from the kubeconfig
// Secrets never live here: credentials are keychain references (QtKeychain service "rolldeck", key NAME).

#include "models/domain/Result.h"
#include "kube/ClusterConfig.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>

namespace rolldeck::kube {
struct Kubeconfig;
}

namespace rolldeck {

// Where a secret is kept: an OS keychain entry. Written `keychain:NAME` in the file.
struct KeychainRef
{
    QString service = QStringLiteral("rolldeck");
    QString key;

    bool isSet() const { return !key.isEmpty(); }
    bool operator==(const KeychainRef &) const = default;
};

// Whether `name` can be a keychain entry name in a reference (`keychain:NAME`): letters, digits and . _ / @ -.
bool isKeychainKey(const QString &name);

// A threshold on a PromQL query result: "< 0.1%", "> 500ms", "<= 0.9", "== 0".
struct Criterion
{
    enum class Comparison { Less, LessOrEqual, Greater, GreaterOrEqual, Equal };
    enum class Unit { Number, Ratio, Seconds }; // Ratio: written in %, stored as a fraction; Seconds: ms or s

    QString name;
    QString query;     // PromQL; {{rollout}}, {{namespace}} and {{environment}} are filled in when it runs
    QString condition; // as written
    Comparison comparison = Comparison::Less;
    double threshold = 0; // in the unit's base: 0.1% -> 0.001, 200ms -> 0.2
    Unit unit = Unit::Number;
    std::chrono::milliseconds holdFor{0}; // the condition must hold this long (`for:`)
    int line = 0;

    // Whether a measured value (in base units) meets the condition.
    bool holds(double value) const;
};

// Parses a condition such as "< 0.1%"; nullopt-like failure with a message.
Result<Criterion> parseCondition(const QString &text);

struct EnvironmentPolicy
{
    bool reasonRequired = false;    // an action needs a written reason
    bool typeToConfirm = false;     // type the rollout's name to confirm a mutating action
    bool guardMayAutoAbort = false; // the guard may abort on a breached rollback trigger by itself
    bool restrictsActions = false;  // allowedActions was given
    QStringList allowedActions;     // with restrictsActions: the only verbs allowed (promote, abort, ...)

    bool allows(const QString &verb) const { return !restrictsActions || allowedActions.contains(verb); }
};

struct ClusterTarget
{
    QString context;        // kubeconfig context
    QStringList namespaces; // empty: the context's namespace; "*": all namespaces
    int line = 0;           // of the context's name, 1-based
    int column = 0;

    bool allNamespaces() const { return namespaces.contains(QStringLiteral("*")); }
};

struct ArgoCdTarget
{
    QUrl server;
    QStringList applications;
    KeychainRef credential;
    QString certificateAuthorityFile; // absolute; empty = system CAs
    bool insecureSkipTlsVerify = false;
};

struct PrometheusTarget
{
    QUrl url;
    QUrl alertmanagerUrl;   // optional; Alertmanager's base URL
    KeychainRef credential; // optional: a bearer token, or with `username` the basic-auth password
    QString username;       // basic auth
    QString certificateAuthorityFile;
    bool insecureSkipTlsVerify = false;
};

// How actions reach an environment's rollouts (docs/actions.md "Routes"): the cluster's API with the user's own
// identity, or Argo CD's resource actions with the Argo CD account. On the cluster route an action the user's cluster
// identity may not do goes through Argo CD when the environment has it.
enum class ActionRouteChoice { Cluster, ArgoCd };

struct Environment
{
    QString name;
    QList<ClusterTarget> clusters;
    std::optional<ArgoCdTarget> argocd;
    ActionRouteChoice route = ActionRouteChoice::Cluster;
    std::optional<PrometheusTarget> prometheus;
    EnvironmentPolicy policy;
    QList<Criterion> successCriteria;
    QList<Criterion> rollbackTriggers;
    int line = 0;
};

struct Workspace
{
    QString sourceFile; // empty when derived from the kubeconfig
    QList<Environment> environments;

    const Environment *environment(const QString &name) const;
};

struct WorkspaceError
{
    QString file;
    int line = 0; // 1-based; 0 = whole file
    int column = 0;
    QString message;

    QString toString() const;
};

struct WorkspaceParse
{
    Workspace workspace;          // meaningful only when errors is empty
    QList<WorkspaceError> errors; // all of them, in file order
};

// Parses workspace YAML; relative paths resolve against baseDir.
WorkspaceParse parseWorkspace(const QByteArray &yaml, const QString &fileName, const QString &baseDir);
// Reads and parses a workspace file; any error fails the whole load (a typo must not weaken a policy).
Result<Workspace> loadWorkspace(const QString &path);
// The default location: <AppConfigLocation>/workspace.yaml.
QString defaultWorkspacePath();

// Contexts of a kubeconfig that reach one API server: one cluster, seen through several identities (an admin and a
// read-only user, say). `chosen` is connected; the `alternatives` are offered in its place.
struct ServerContexts
{
    QString server; // the normalised server URL; the context's name when it has none
    QString chosen;
    QStringList alternatives; // by name
};

// The kubeconfig's contexts grouped by API server, in the order of their chosen contexts' names. The chosen context
// of a group is the first of `preferred` in it, else the kubeconfig's current context, else the first by name.
QList<ServerContexts> contextsByServer(const kube::Kubeconfig &kubeconfig, const QStringList &preferred = {});

// Without a workspace every cluster of the kubeconfig is an environment, named after its chosen context
// (contextsByServer: contexts that reach the same server are one cluster), watching every namespace, with the
// default policy. Where a cluster-wide list is forbidden the console falls back to the context's namespace.
Workspace workspaceFromKubeconfig(const kube::Kubeconfig &kubeconfig);
// The same for exactly these contexts (--context): each one an environment, even two of the same server.
Workspace workspaceFromContexts(const kube::Kubeconfig &kubeconfig, const QStringList &contexts);

// The workspace to use: an explicit file (--workspace) must load; else the default file if it exists; else one
// environment per kubeconfig context.
Result<Workspace> workspaceFor(const QString &explicitPath, const kube::Kubeconfig &kubeconfig);

// One cluster of an environment, ready to connect: its kubeconfig context and the namespaces to watch.
struct EnvironmentCluster
{
    QString environment;
    kube::ClusterConfig cluster;
    QStringList namespaces; // empty = all namespaces
};

// The clusters of an environment that the kubeconfig has, with namespaces resolved (none named: the context's own;
// "*": all). Contexts the kubeconfig lacks are left out; checkWorkspaceContexts() names them.
QList<EnvironmentCluster> resolveEnvironment(const Environment &environment, const kube::Kubeconfig &kubeconfig);
// Contexts the workspace names that the kubeconfig does not have ("file:line: ...").
QList<WorkspaceError> checkWorkspaceContexts(const Workspace &workspace, const kube::Kubeconfig &kubeconfig);

} // namespace rolldeck

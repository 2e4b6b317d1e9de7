#include "workspace/Workspace.h"
#include "workspace/Connections.h"

#include "models/domain/Duration.h"
#include "models/argo/KubeNames.h"
#include "io/InputLimits.h"
#include "kube/Kubeconfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace rolldeck {

namespace {

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

// Keys people reach for when they mean to paste a secret; each gets a pointer to the keychain instead.
bool looksLikeSecret(const QString &key)
{
    static const QStringList secrets = {QStringLiteral("token"),     QStringLiteral("password"),
                                        QStringLiteral("apikey"),    QStringLiteral("api-key"),
                                        QStringLiteral("secret"),    QStringLiteral("bearertoken"),
                                        QStringLiteral("authtoken"), QStringLiteral("auth-token")};
    return secrets.contains(key.toLower());
}

// Reads YAML strictly: every key checked, every type checked, every problem recorded with its line.
class Reader
{
public:
    Reader(QString file, QString baseDir, QList<WorkspaceError> &errors)
        : m_file(std::move(file)), m_baseDir(std::move(baseDir)), m_errors(errors)
    {
    }

    void error(const YAML::Node &at, const QString &message)
    {
        const YAML::Mark mark = at.Mark();
        m_errors.append({m_file, mark.line >= 0 ? mark.line + 1 : 0, mark.column >= 0 ? mark.column + 1 : 0, message});
    }

    static int line(const YAML::Node &node) { return node.Mark().line >= 0 ? node.Mark().line + 1 : 0; }

    bool expectMap(const YAML::Node &node, const QString &what)
    {
        if (node.IsMap())
            return true;
        error(node, QStringLiteral("%1 must be a mapping").arg(what));
        return false;
    }

    // Rejects unknown and repeated keys; returns false if any.
    bool checkKeys(const YAML::Node &map, std::initializer_list<const char *> allowed, const QString &where)
    {
        QStringList names;
        for (const char *a : allowed)
            names << QLatin1String(a);
        QSet<QString> seen;
        bool ok = true;
        for (auto it = map.begin(); it != map.end(); ++it) {
            const YAML::Node key = it->first;
            if (!key.IsScalar()) {
                error(key, QStringLiteral("%1: keys must be plain names").arg(where));
                ok = false;
                continue;
            }
            const QString name = fromStd(key.Scalar());
            if (seen.contains(name)) {
                error(key, QStringLiteral("%1: \"%2\" appears twice").arg(where, name));
                ok = false;
            } else if (!names.contains(name)) {
                if (looksLikeSecret(name))
                    error(key, QStringLiteral("%1: \"%2\" looks like a secret; secrets are not kept in the "
                                              "workspace (use credential: keychain:NAME)")
                                   .arg(where, name));
                else
                    error(key, QStringLiteral("%1: unknown key \"%2\" (expected one of: %3)")
                                   .arg(where, name, names.join(QLatin1String(", "))));
                ok = false;
            }
            seen.insert(name);
        }
        return ok;
    }

    static bool has(const YAML::Node &map, const char *key) { return map[key].IsDefined(); }

    std::optional<QString> string(const YAML::Node &map, const char *key, const QString &where, bool required)
    {
        const YAML::Node n = map[key];
        if (!n.IsDefined()) {
            if (required)
                error(map, QStringLiteral("%1: \"%2\" is required").arg(where, QLatin1String(key)));
            return std::nullopt;
        }
        if (!n.IsScalar() || n.Scalar().empty()) {
            error(n, QStringLiteral("%1: \"%2\" must be a non-empty string").arg(where, QLatin1String(key)));
            return std::nullopt;
        }
        return fromStd(n.Scalar());
    }

    std::optional<bool> boolean(const YAML::Node &map, const char *key, const QString &where)
    {
        const YAML::Node n = map[key];
        if (!n.IsDefined())
            return std::nullopt;
        // YAML 1.2 core booleans only, unquoted: "yes", "on" or "true" in quotes are strings, not switches.
        if (n.IsScalar() && n.Tag() != "!") {
            const QString v = fromStd(n.Scalar());
            if (v == QLatin1String("true") || v == QLatin1String("True") || v == QLatin1String("TRUE"))
                return true;
            if (v == QLatin1String("false") || v == QLatin1String("False") || v == QLatin1String("FALSE"))
                return false;
        }
        error(n, QStringLiteral("%1: \"%2\" must be true or false").arg(where, QLatin1String(key)));
        return std::nullopt;
    }

    std::optional<QStringList> stringList(const YAML::Node &map, const char *key, const QString &where)
    {
        const YAML::Node n = map[key];
        if (!n.IsDefined())
            return std::nullopt;
        if (!n.IsSequence()) {
            error(n, QStringLiteral("%1: \"%2\" must be a list of strings").arg(where, QLatin1String(key)));
            return std::nullopt;
        }
        QStringList out;
        for (const YAML::Node &item : n) {
            if (!item.IsScalar() || item.Scalar().empty()) {
                error(item,
                      QStringLiteral("%1: \"%2\" must be a list of non-empty strings").arg(where, QLatin1String(key)));
                return std::nullopt;
            }
            out << fromStd(item.Scalar());
        }
        return out;
    }

    std::optional<QUrl> httpUrl(const YAML::Node &map, const char *key, const QString &where, bool required)
    {
        const std::optional<QString> text = string(map, key, where, required);
        if (!text)
            return std::nullopt;
        const QUrl url(*text, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
            error(map[key],
                  QStringLiteral("%1: \"%2\" must be an http:// or https:// URL").arg(where, QLatin1String(key)));
            return std::nullopt;
        }
        if (!url.userInfo().isEmpty()) {
            error(map[key], QStringLiteral("%1: \"%2\" must not carry a user or password; use credential: "
                                           "keychain:NAME")
                                .arg(where, QLatin1String(key)));
            return std::nullopt;
        }
        return url;
    }

    std::optional<KeychainRef> credential(const YAML::Node &map, const QString &where)
    {
        const std::optional<QString> text = string(map, "credential", where, false);
        if (!text)
            return std::nullopt;
        const QString prefix = QStringLiteral("keychain:");
        if (!text->startsWith(prefix) || !isKeychainKey(text->mid(prefix.size()))) {
            // Do not echo the value: it may be the secret itself.
            error(map["credential"], QStringLiteral("%1: \"credential\" must be a keychain reference such as "
                                                    "keychain:argocd-production; secrets are not kept in the workspace")
                                         .arg(where));
            return std::nullopt;
        }
        KeychainRef ref;
        ref.key = text->mid(prefix.size());
        return ref;
    }

    QString path(const QString &p) const
    {
        return QDir::isAbsolutePath(p) ? QDir::cleanPath(p) : QDir::cleanPath(QDir(m_baseDir).absoluteFilePath(p));
    }

    QString file() const { return m_file; }

private:
    QString m_file;
    QString m_baseDir;
    QList<WorkspaceError> &m_errors;
};

std::optional<EnvironmentPolicy> readPolicy(Reader &r, const YAML::Node &node, const QString &where,
                                            const EnvironmentPolicy &base)
{
    if (!r.expectMap(node, where))
        return std::nullopt;
    r.checkKeys(node, {"reasonRequired", "typeToConfirm", "guardMayAutoAbort", "allowedActions"}, where);
    EnvironmentPolicy p = base;
    if (auto v = r.boolean(node, "reasonRequired", where))
        p.reasonRequired = *v;
    if (auto v = r.boolean(node, "typeToConfirm", where))
        p.typeToConfirm = *v;
    if (auto v = r.boolean(node, "guardMayAutoAbort", where))
        p.guardMayAutoAbort = *v;
    if (auto list = r.stringList(node, "allowedActions", where)) {
        static const QStringList known = {
            QStringLiteral("promote"),  QStringLiteral("abort"),    QStringLiteral("retry"), QStringLiteral("undo"),
            QStringLiteral("restart"),  QStringLiteral("pause"),    QStringLiteral("skip"),  QStringLiteral("sync"),
            QStringLiteral("rollback"), QStringLiteral("terminate")};
        for (const QString &verb : std::as_const(*list)) {
            if (!known.contains(verb))
                r.error(node["allowedActions"],
                        QStringLiteral("%1.allowedActions: unknown action \"%2\" (expected one of %3)")
                            .arg(where, verb, known.join(QStringLiteral(", "))));
        }
        p.allowedActions = *list;
        p.restrictsActions = true;
    }
    return p;
}

std::optional<QList<Criterion>> readCriteria(Reader &r, const YAML::Node &node, const QString &where)
{
    if (!node.IsSequence()) {
        r.error(node, QStringLiteral("%1 must be a list").arg(where));
        return std::nullopt;
    }
    QList<Criterion> out;
    for (const YAML::Node &item : node) {
        if (!r.expectMap(item, QStringLiteral("an entry of %1").arg(where)))
            continue;
        r.checkKeys(item, {"name", "query", "condition", "for"}, where);
        const auto name = r.string(item, "name", where, true);
        const QString entryWhere = name ? QStringLiteral("%1 \"%2\"").arg(where, *name) : where;
        const auto query = r.string(item, "query", entryWhere, true);
        const auto condition = r.string(item, "condition", entryWhere, true);
        Criterion c;
        if (condition) {
            Result<Criterion> parsed = parseCondition(*condition);
            if (!parsed)
                r.error(item["condition"], QStringLiteral("%1: %2").arg(entryWhere, parsed.error()));
            else
                c = *parsed;
        }
        if (const auto hold = r.string(item, "for", entryWhere, false)) {
            const auto d = parseGoDuration(*hold);
            if (!d || d->count() < 0)
                r.error(item["for"],
                        QStringLiteral("%1: \"for\" must be a duration such as 2m or 30s").arg(entryWhere));
            else
                c.holdFor = *d;
        }
        c.name = name.value_or(QString());
        c.query = query.value_or(QString()).trimmed();
        c.line = Reader::line(item);
        out.append(c);
    }
    return out;
}

std::optional<PrometheusTarget> readPrometheus(Reader &r, const YAML::Node &node, const QString &where)
{
    if (!r.expectMap(node, where))
        return std::nullopt;
    r.checkKeys(node,
                {"url", "alertmanager", "credential", "username", "certificateAuthority", "insecureSkipTlsVerify"},
                where);
    PrometheusTarget t;
    t.url = r.httpUrl(node, "url", where, true).value_or(QUrl());
    t.alertmanagerUrl = r.httpUrl(node, "alertmanager", where, false).value_or(QUrl());
    t.credential = r.credential(node, where).value_or(KeychainRef{});
    if (const auto user = r.string(node, "username", where, false)) {
        if (user->isEmpty() || user->contains(QLatin1Char(':')) || user->contains(QLatin1Char('\n')))
            r.error(node["username"], QStringLiteral("%1: \"username\" must be a non-empty name without \":\" or "
                                                     "line breaks")
                                          .arg(where));
        else if (!Reader::has(node, "credential"))
            r.error(node["username"], QStringLiteral("%1: \"username\" needs a \"credential\" (the keychain entry "
                                                     "with the password)")
                                          .arg(where));
        else
            t.username = *user;
    }
    if (auto ca = r.string(node, "certificateAuthority", where, false))
        t.certificateAuthorityFile = r.path(*ca);
    t.insecureSkipTlsVerify = r.boolean(node, "insecureSkipTlsVerify", where).value_or(false);
    return t;
}

std::optional<ArgoCdTarget> readArgoCd(Reader &r, const YAML::Node &node, const QString &where)
{
    if (!r.expectMap(node, where))
        return std::nullopt;
    r.checkKeys(node, {"server", "applications", "credential", "certificateAuthority", "insecureSkipTlsVerify"}, where);
    ArgoCdTarget t;
    t.server = r.httpUrl(node, "server", where, true).value_or(QUrl());
    if (!Reader::has(node, "applications"))
        r.error(node, QStringLiteral("%1: \"applications\" is required").arg(where));
    t.applications = r.stringList(node, "applications", where).value_or(QStringList());
    // Without one, the server's own keychain entry: the one `rolldeck credential argocd login` and View ›
    // Connections fill (argocd/HOST[_PORT]).
    t.credential = r.credential(node, where).value_or(KeychainRef{});
    if (!t.credential.isSet() && t.server.isValid() && !t.server.host().isEmpty())
        t.credential.key = keychainKeyForConnection(Connection::Kind::ArgoCd, t.server);
    if (auto ca = r.string(node, "certificateAuthority", where, false))
        t.certificateAuthorityFile = r.path(*ca);
    t.insecureSkipTlsVerify = r.boolean(node, "insecureSkipTlsVerify", where).value_or(false);
    return t;
}

QList<ClusterTarget> readClusters(Reader &r, const YAML::Node &node, const QString &where)
{
    QList<ClusterTarget> out;
    if (!node.IsSequence()) {
        r.error(node, QStringLiteral("%1 must be a list of {context, namespaces}").arg(where));
        return out;
    }
    for (const YAML::Node &item : node) {
        if (!r.expectMap(item, QStringLiteral("an entry of %1").arg(where)))
            continue;
        r.checkKeys(item, {"context", "namespace", "namespaces"}, where);
        ClusterTarget t;
        t.context = r.string(item, "context", where, true).value_or(QString());
        if (Reader::has(item, "namespace") && Reader::has(item, "namespaces"))
            r.error(item["namespaces"],
                    QStringLiteral("%1: give \"namespace\" or \"namespaces\", not both").arg(where));
        if (auto ns = r.string(item, "namespace", where, false))
            t.namespaces = {*ns};
        if (auto list = r.stringList(item, "namespaces", where))
            t.namespaces = *list;
        for (const QString &ns : std::as_const(t.namespaces)) {
            if (ns != u"*" && !isDns1123Label(ns))
                r.error(item[Reader::has(item, "namespace") ? "namespace" : "namespaces"],
                        QStringLiteral("%1: \"%2\" is not a namespace name (lowercase letters, digits and '-', at "
                                       "most 63 characters)")
                            .arg(where, ns));
        }
        if (t.namespaces.contains(QStringLiteral("*")) && t.namespaces.size() > 1)
            r.error(item["namespaces"], QStringLiteral("%1: \"*\" (all namespaces) stands alone").arg(where));
        const YAML::Node where = item["context"].IsDefined() ? item["context"] : item;
        t.line = Reader::line(where);
        t.column = where.Mark().column >= 0 ? where.Mark().column + 1 : 0;
        out.append(t);
    }
    return out;
}

struct Defaults
{
    EnvironmentPolicy policy;
    QList<Criterion> successCriteria;
    QList<Criterion> rollbackTriggers;
    std::optional<PrometheusTarget> prometheus;
};

Defaults readDefaults(Reader &r, const YAML::Node &node)
{
    Defaults d;
    const QString where = QStringLiteral("defaults");
    if (!r.expectMap(node, where))
        return d;
    r.checkKeys(node, {"policy", "successCriteria", "rollbackTriggers", "prometheus"}, where);
    if (Reader::has(node, "policy"))
        d.policy = readPolicy(r, node["policy"], QStringLiteral("defaults.policy"), d.policy).value_or(d.policy);
    if (Reader::has(node, "successCriteria"))
        d.successCriteria = readCriteria(r, node["successCriteria"], QStringLiteral("defaults.successCriteria"))
                                .value_or(QList<Criterion>());
    if (Reader::has(node, "rollbackTriggers"))
        d.rollbackTriggers = readCriteria(r, node["rollbackTriggers"], QStringLiteral("defaults.rollbackTriggers"))
                                 .value_or(QList<Criterion>());
    if (Reader::has(node, "prometheus"))
        d.prometheus = readPrometheus(r, node["prometheus"], QStringLiteral("defaults.prometheus"));
    return d;
}

Environment readEnvironment(Reader &r, const QString &name, const YAML::Node &node, const Defaults &d)
{
    Environment env;
    env.name = name;
    env.line = Reader::line(node);
    env.policy = d.policy;
    env.successCriteria = d.successCriteria;
    env.rollbackTriggers = d.rollbackTriggers;
    env.prometheus = d.prometheus;
    const QString where = QStringLiteral("environment \"%1\"").arg(name);
    if (!r.expectMap(node, where))
        return env;
    r.checkKeys(
        node,
        {"description", "clusters", "argocd", "route", "prometheus", "policy", "successCriteria", "rollbackTriggers"},
        where);
    r.string(node, "description", where, false);
    if (Reader::has(node, "clusters"))
        env.clusters = readClusters(r, node["clusters"], where + QStringLiteral(" clusters"));
    if (Reader::has(node, "argocd"))
        env.argocd = readArgoCd(r, node["argocd"], where + QStringLiteral(" argocd"));
    if (Reader::has(node, "prometheus"))
        env.prometheus = readPrometheus(r, node["prometheus"], where + QStringLiteral(" prometheus"));
    if (Reader::has(node, "policy"))
        env.policy = readPolicy(r, node["policy"], where + QStringLiteral(" policy"), d.policy).value_or(d.policy);
    if (Reader::has(node, "successCriteria"))
        env.successCriteria = readCriteria(r, node["successCriteria"], where + QStringLiteral(" successCriteria"))
                                  .value_or(QList<Criterion>());
    if (Reader::has(node, "rollbackTriggers"))
        env.rollbackTriggers = readCriteria(r, node["rollbackTriggers"], where + QStringLiteral(" rollbackTriggers"))
                                   .value_or(QList<Criterion>());
    if (const std::optional<QString> route = r.string(node, "route", where, false)) {
        if (*route == QLatin1String("argocd"))
            env.route = ActionRouteChoice::ArgoCd;
        else if (*route != QLatin1String("cluster"))
            r.error(node["route"], QStringLiteral("%1 route: \"%2\" is neither cluster nor argocd").arg(where, *route));
        if (env.route == ActionRouteChoice::ArgoCd && !Reader::has(node, "argocd"))
            r.error(node["route"], QStringLiteral("%1 route: argocd needs an argocd mapping").arg(where));
    }
    if (env.clusters.isEmpty() && !env.argocd && !Reader::has(node, "clusters"))
        r.error(node, QStringLiteral("%1 names no clusters and no argocd: it would show nothing").arg(where));
    return env;
}

} // namespace

bool Criterion::holds(double value) const
{
    switch (comparison) {
    case Comparison::Less:
        return value < threshold;
    case Comparison::LessOrEqual:
        return value <= threshold;
    case Comparison::Greater:
        return value > threshold;
    case Comparison::GreaterOrEqual:
        return value >= threshold;
    case Comparison::Equal:
        return value == threshold;
    }
    return false;
}

Result<Criterion> parseCondition(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^\\s*(<=|>=|==|<|>)\\s*([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)\\s*(%|ms|s)?\\s*$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return Result<Criterion>::failure(
            QStringLiteral("condition \"%1\" is not a comparison such as \"< 0.1%\", \"> 500ms\" or \"== 0\"")
                .arg(text));
    Criterion c;
    c.condition = text.trimmed();
    const QString op = m.captured(1);
    c.comparison = op == QLatin1String("<")    ? Criterion::Comparison::Less
                   : op == QLatin1String("<=") ? Criterion::Comparison::LessOrEqual
                   : op == QLatin1String(">")  ? Criterion::Comparison::Greater
                   : op == QLatin1String(">=") ? Criterion::Comparison::GreaterOrEqual
                                               : Criterion::Comparison::Equal;
    const double number = m.captured(2).toDouble();
    const QString unit = m.captured(3);
    if (unit == QLatin1String("%")) {
        if (number > 100)
            return Result<Criterion>::failure(QStringLiteral("condition \"%1\": a percentage above 100%").arg(text));
        c.unit = Criterion::Unit::Ratio;
        c.threshold = number / 100.0;
    } else if (unit == QLatin1String("ms")) {
        c.unit = Criterion::Unit::Seconds;
        c.threshold = number / 1000.0;
    } else if (unit == QLatin1String("s")) {
        c.unit = Criterion::Unit::Seconds;
        c.threshold = number;
    } else {
        c.threshold = number;
    }
    return c;
}

bool isKeychainKey(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._/@-]+$"));
    return re.match(name).hasMatch();
}

const Environment *Workspace::environment(const QString &name) const
{
    for (const Environment &e : environments) {
        if (e.name == name)
            return &e;
    }
    return nullptr;
}

QString WorkspaceError::toString() const
{
    // Keys and values come from the file: no raw control characters to a terminal.
    if (line <= 0)
        return printableText(file + QStringLiteral(": ") + message);
    return printableText(QStringLiteral("%1:%2:%3: %4").arg(file).arg(line).arg(column).arg(message));
}

WorkspaceParse parseWorkspace(const QByteArray &yaml, const QString &fileName, const QString &baseDir)
{
    WorkspaceParse out;
    out.workspace.sourceFile = fileName;
    Reader r(fileName, baseDir, out.errors);
    YAML::Node root;
    if (yaml.size() > kWorkspaceLimits.maxBytes) {
        out.errors.append(
            {fileName, 0, 0,
             QStringLiteral("larger than %1 (the limit for a workspace)").arg(formatBytes(kWorkspaceLimits.maxBytes))});
        return out;
    }
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::DeepRecursion &e) {
        out.errors.append({fileName, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0,
                           yamlTooDeepMessage()});
        return out;
    } catch (const YAML::Exception &e) {
        out.errors.append({fileName, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0,
                           QStringLiteral("not valid YAML: %1").arg(fromStd(e.msg))});
        return out;
    }
    if (const YamlBoundsCheck bounds = checkYamlBounds(root, kWorkspaceLimits.maxNodes); !bounds.message.isEmpty()) {
        out.errors.append({fileName, bounds.line, 1, bounds.message});
        return out;
    }
    try {
        if (!root.IsDefined() || root.IsNull()) {
            out.errors.append({fileName, 0, 0, QStringLiteral("the workspace is empty")});
            return out;
        }
        if (!r.expectMap(root, QStringLiteral("a workspace")))
            return out;
        r.checkKeys(root, {"version", "defaults", "environments"}, QStringLiteral("workspace"));
        if (const auto version = r.string(root, "version", QStringLiteral("workspace"), false);
            version && *version != QLatin1String("1"))
            r.error(
                root["version"],
                QStringLiteral("workspace: version %1 is not supported (this Rolldeck reads version 1)").arg(*version));
        const Defaults defaults = Reader::has(root, "defaults") ? readDefaults(r, root["defaults"]) : Defaults{};
        const YAML::Node envs = root["environments"];
        if (!envs.IsDefined()) {
            r.error(root, QStringLiteral("workspace: \"environments\" is required"));
        } else if (r.expectMap(envs, QStringLiteral("environments"))) {
            QSet<QString> seen;
            for (auto it = envs.begin(); it != envs.end(); ++it) {
                if (!it->first.IsScalar() || it->first.Scalar().empty()) {
                    r.error(it->first, QStringLiteral("environments: names must be plain strings"));
                    continue;
                }
                const QString name = fromStd(it->first.Scalar());
                if (seen.contains(name)) {
                    r.error(it->first, QStringLiteral("environments: \"%1\" appears twice").arg(name));
                    continue;
                }
                seen.insert(name);
                Environment env = readEnvironment(r, name, it->second, defaults);
                env.line = Reader::line(it->first);
                out.workspace.environments.append(std::move(env));
            }
            if (seen.isEmpty() && envs.IsMap())
                r.error(envs, QStringLiteral("environments: at least one environment is needed"));
        }
    } catch (const YAML::Exception &e) {
        out.errors.append({fileName, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0,
                           fromStd(e.msg)});
    }
    std::stable_sort(out.errors.begin(), out.errors.end(),
                     [](const WorkspaceError &a, const WorkspaceError &b) { return a.line < b.line; });
    return out;
}

Result<Workspace> loadWorkspace(const QString &path)
{
    const BoundedRead read = readBoundedFile(path, kWorkspaceLimits.maxBytes);
    if (!read.error.isEmpty())
        return Result<Workspace>::failure(QStringLiteral("%1: cannot read the workspace: %2").arg(path, read.error));
    WorkspaceParse parsed = parseWorkspace(read.data, path, QFileInfo(path).absolutePath());
    if (!parsed.errors.isEmpty()) {
        QStringList lines;
        for (const WorkspaceError &e : std::as_const(parsed.errors))
            lines << e.toString();
        return Result<Workspace>::failure(lines.join(QLatin1Char('\n')));
    }
    // The connections file beside it (docs/workspace.md "Connections") gives the credentials of the servers it names.
    const Result<QList<Connection>> connections = loadConnections(connectionsPathFor(path));
    if (!connections)
        return Result<Workspace>::failure(connections.error());
    applyConnections(parsed.workspace, *connections);
    return std::move(parsed.workspace);
}

QString defaultWorkspacePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(QStringLiteral("workspace.yaml"));
}

namespace {

QString serverKey(const kube::ClusterConfig &c)
{
    if (c.server.isEmpty())
        return c.contextName;
    QUrl url = c.server.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
    if (url.path() == QLatin1String("/"))
        url.setPath(QString()); // StripTrailingSlash keeps a root path: "https://h:6443/" is "https://h:6443"
    url.setHost(url.host().toLower());
    return url.toString();
}

Environment wholeContextEnvironment(const kube::ClusterConfig &c)
{
    Environment env;
    env.name = c.contextName;
    env.clusters.append(ClusterTarget{c.contextName, {QStringLiteral("*")}, 0});
    return env;
}

} // namespace

QList<ServerContexts> contextsByServer(const kube::Kubeconfig &kubeconfig, const QStringList &preferred)
{
    QList<ServerContexts> groups;
    for (const kube::ClusterConfig &c : kubeconfig.contexts) {
        const QString key = serverKey(c);
        auto it =
            std::find_if(groups.begin(), groups.end(), [&key](const ServerContexts &g) { return g.server == key; });
        if (it == groups.end())
            groups.append({key, c.contextName, {}});
        else
            it->alternatives.append(c.contextName);
    }
    const auto rank = [&](const QString &context) {
        const int p = int(preferred.indexOf(context));
        if (p >= 0)
            return p;
        return context == kubeconfig.currentContext ? int(preferred.size()) : int(preferred.size()) + 1;
    };
    for (ServerContexts &g : groups) {
        QStringList all = g.alternatives;
        all.prepend(g.chosen);
        std::stable_sort(all.begin(), all.end(),
                         [&rank](const QString &a, const QString &b) { return rank(a) < rank(b); });
        g.chosen = all.takeFirst();
        all.sort();
        g.alternatives = all;
    }
    std::sort(groups.begin(), groups.end(),
              [](const ServerContexts &a, const ServerContexts &b) { return a.chosen < b.chosen; });
    return groups;
}

Workspace workspaceFromKubeconfig(const kube::Kubeconfig &kubeconfig)
{
    Workspace ws;
    for (const ServerContexts &group : contextsByServer(kubeconfig)) {
        if (const kube::ClusterConfig *c = kubeconfig.context(group.chosen))
            ws.environments.append(wholeContextEnvironment(*c));
    }
    return ws;
}

Workspace workspaceFromContexts(const kube::Kubeconfig &kubeconfig, const QStringList &contexts)
{
    Workspace ws;
    for (const kube::ClusterConfig &c : kubeconfig.contexts) {
        if (contexts.contains(c.contextName))
            ws.environments.append(wholeContextEnvironment(c));
    }
    return ws;
}

Result<Workspace> workspaceFor(const QString &explicitPath, const kube::Kubeconfig &kubeconfig)
{
    if (!explicitPath.isEmpty())
        return loadWorkspace(explicitPath);
    const QString defaultPath = defaultWorkspacePath();
    if (QFileInfo::exists(defaultPath))
        return loadWorkspace(defaultPath);
    return workspaceFromKubeconfig(kubeconfig);
}

QList<EnvironmentCluster> resolveEnvironment(const Environment &environment, const kube::Kubeconfig &kubeconfig)
{
    QList<EnvironmentCluster> out;
    for (const ClusterTarget &t : environment.clusters) {
        const kube::ClusterConfig *cluster = kubeconfig.context(t.context);
        if (!cluster)
            continue;
        EnvironmentCluster ec;
        ec.environment = environment.name;
        ec.cluster = *cluster;
        if (t.allNamespaces())
            ec.namespaces = {};
        else if (t.namespaces.isEmpty())
            ec.namespaces = {cluster->defaultNamespace};
        else
            ec.namespaces = t.namespaces;
        out.append(std::move(ec));
    }
    return out;
}

QList<WorkspaceError> checkWorkspaceContexts(const Workspace &workspace, const kube::Kubeconfig &kubeconfig)
{
    QList<WorkspaceError> out;
    for (const Environment &env : workspace.environments) {
        for (const ClusterTarget &t : env.clusters) {
            if (kubeconfig.context(t.context))
                continue;
            out.append({workspace.sourceFile, t.line, t.column,
                        QStringLiteral("environment \"%1\": kubeconfig context \"%2\" is not available%3")
                            .arg(env.name, t.context,
                                 kubeconfig.files.isEmpty()
                                     ? QString()
                                     : QStringLiteral(" (read: %1)").arg(kubeconfig.files.join(QLatin1String(", "))))});
        }
    }
    return out;
}

} // namespace rolldeck

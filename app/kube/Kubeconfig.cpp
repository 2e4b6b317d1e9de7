#include "kube/Kubeconfig.h"

#include "models/argo/KubeNames.h"
#include "io/InputLimits.h"
#include "kube/TlsConfig.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSet>
#include <QSslCertificate>

#include <functional>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <map>

namespace rolldeck::kube {

namespace {

Q_LOGGING_CATEGORY(lcKubeconfig, "rolldeck.kube.config")

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

// yaml-cpp throws when asked the type of a missing key's node; ask IsDefined() first.
bool isScalar(const YAML::Node &node)
{
    return node.IsDefined() && node.IsScalar();
}

int lineOf(const YAML::Node &node)
{
    const YAML::Mark mark = node.Mark();
    return mark.line >= 0 ? mark.line + 1 : 0;
}

// An error inside one named entry: where, and what.
struct EntryError
{
    int line = 0;
    QString message;
};

// Reads typed fields of one YAML mapping, recording the first type error with its line.
class Fields
{
public:
    Fields(const YAML::Node &map, QString what) : m_map(map), m_what(std::move(what)) {}

    bool has(const char *key) const { return m_map[key].IsDefined() && !m_map[key].IsNull(); }
    YAML::Node node(const char *key) const { return m_map[key]; }

    QString string(const char *key)
    {
        const YAML::Node n = m_map[key];
        if (!n.IsDefined() || n.IsNull())
            return {};
        if (!n.IsScalar()) {
            error(n, QStringLiteral("%1: \"%2\" must be a string").arg(m_what, QLatin1String(key)));
            return {};
        }
        return fromStd(n.Scalar());
    }

    bool boolean(const char *key)
    {
        const YAML::Node n = m_map[key];
        if (!n.IsDefined() || n.IsNull())
            return false;
        bool value = false;
        if (!n.IsScalar() || !YAML::convert<bool>::decode(n, value))
            error(n, QStringLiteral("%1: \"%2\" must be true or false").arg(m_what, QLatin1String(key)));
        return value;
    }

    QStringList stringList(const char *key)
    {
        const YAML::Node n = m_map[key];
        QStringList out;
        if (!n.IsDefined() || n.IsNull())
            return out;
        if (!n.IsSequence()) {
            error(n, QStringLiteral("%1: \"%2\" must be a list of strings").arg(m_what, QLatin1String(key)));
            return out;
        }
        for (const YAML::Node &item : n) {
            if (!item.IsScalar()) {
                error(item, QStringLiteral("%1: \"%2\" must be a list of strings").arg(m_what, QLatin1String(key)));
                return {};
            }
            out.append(fromStd(item.Scalar()));
        }
        return out;
    }

    QByteArray base64(const char *key)
    {
        const QString text = string(key);
        if (text.isEmpty())
            return {};
        auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            error(m_map[key], QStringLiteral("%1: \"%2\" is not valid base64").arg(m_what, QLatin1String(key)));
            return {};
        }
        return *decoded;
    }

    void error(const YAML::Node &at, const QString &message)
    {
        if (!m_error)
            m_error = EntryError{lineOf(at), message};
    }
    void error(int line, const QString &message)
    {
        if (!m_error)
            m_error = EntryError{line, message};
    }
    const std::optional<EntryError> &firstError() const { return m_error; }

private:
    YAML::Node m_map;
    QString m_what;
    std::optional<EntryError> m_error;
};

struct ClusterEntry
{
    QString file;
    int line = 0;
    std::optional<EntryError> error;
    QUrl server;
    QByteArray caPem;
    bool insecure = false;
    QString tlsServerName;
    QUrl proxyUrl;
};

struct UserEntry
{
    QString file;
    int line = 0;
    std::optional<EntryError> error;
    UserAuth auth;
    int unsupportedLine = 0;
    QStringList warnings;
};

struct ContextEntry
{
    QString file;
    int line = 0;
    std::optional<EntryError> error;
    QString cluster;
    QString user;
    QString ns;
};

struct ParsedFile
{
    std::map<QString, ClusterEntry> clusters;
    std::map<QString, UserEntry> users;
    std::map<QString, ContextEntry> contexts;
    QString currentContext;
};

QString resolvePath(const QString &dir, const QString &path)
{
    if (path.isEmpty() || QDir::isAbsolutePath(path))
        return path;
    return QDir::cleanPath(QDir(dir).absoluteFilePath(path));
}

// Reads a file named by a kubeconfig entry; on failure records an error at the line of that field.
QByteArray readReferencedFile(Fields &fields, const char *key, const QString &path)
{
    const BoundedRead read = readBoundedFile(path, kReferencedFileLimit);
    if (!read.error.isEmpty()) {
        fields.error(fields.node(key),
                     QStringLiteral("cannot read %1 \"%2\": %3").arg(QLatin1String(key), path, read.error));
        return {};
    }
    return read.data;
}

ClusterEntry parseCluster(const YAML::Node &body, const QString &name, const QString &dir)
{
    ClusterEntry e;
    Fields f(body, QStringLiteral("cluster \"%1\"").arg(name));
    const QString server = f.string("server");
    if (server.isEmpty() && !f.firstError()) {
        f.error(body, QStringLiteral("cluster \"%1\" has no server").arg(name));
    } else if (!server.isEmpty()) {
        QUrl url(server.contains(QLatin1String("://")) ? server : QStringLiteral("https://") + server);
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
            f.error(f.node("server"),
                    QStringLiteral("cluster \"%1\": server \"%2\" is not an http(s) URL").arg(name, server));
        e.server = url;
    }
    const QByteArray caData = f.base64("certificate-authority-data");
    const QString caFile = resolvePath(dir, f.string("certificate-authority"));
    if (!caData.isEmpty())
        e.caPem = caData; // kubectl: certificate-authority-data overrides certificate-authority
    else if (!caFile.isEmpty())
        e.caPem = readReferencedFile(f, "certificate-authority", caFile);
    if (!e.caPem.isEmpty() && QSslCertificate::fromData(e.caPem, QSsl::Pem).isEmpty())
        f.error(f.has("certificate-authority-data") ? f.node("certificate-authority-data")
                                                    : f.node("certificate-authority"),
                QStringLiteral("cluster \"%1\": the certificate authority holds no PEM certificate").arg(name));
    e.insecure = f.boolean("insecure-skip-tls-verify");
    if (e.insecure && !e.caPem.isEmpty())
        f.error(f.node("insecure-skip-tls-verify"),
                QStringLiteral("cluster \"%1\": specifying a root certificates file with the insecure flag is not "
                               "allowed")
                    .arg(name));
    e.tlsServerName = f.string("tls-server-name");
    const QString proxy = f.string("proxy-url");
    if (!proxy.isEmpty()) {
        e.proxyUrl = QUrl(proxy);
        const QString scheme = e.proxyUrl.scheme();
        if (!e.proxyUrl.isValid() || e.proxyUrl.host().isEmpty() ||
            (scheme != QLatin1String("http") && scheme != QLatin1String("https") && scheme != QLatin1String("socks5")))
            f.error(f.node("proxy-url"),
                    QStringLiteral("cluster \"%1\": proxy-url must be an http, https or socks5 URL").arg(name));
    }
    e.error = f.firstError();
    return e;
}

std::optional<ExecPluginSpec> parseExec(Fields &user, const YAML::Node &node, const QString &name, const QString &dir)
{
    if (!node.IsMap()) {
        user.error(node, QStringLiteral("user \"%1\": exec must be a mapping").arg(name));
        return std::nullopt;
    }
    Fields f(node, QStringLiteral("user \"%1\" exec").arg(name));
    ExecPluginSpec spec;
    spec.apiVersion = f.string("apiVersion");
    spec.command = f.string("command");
    spec.args = f.stringList("args");
    spec.interactiveMode = f.string("interactiveMode");
    spec.provideClusterInfo = f.boolean("provideClusterInfo");
    spec.installHint = f.string("installHint");
    const YAML::Node env = node["env"];
    if (env.IsDefined() && !env.IsNull()) {
        if (!env.IsSequence()) {
            f.error(env, QStringLiteral("user \"%1\": exec env must be a list of {name, value}").arg(name));
        } else {
            for (const YAML::Node &item : env) {
                if (!item.IsMap()) {
                    f.error(item, QStringLiteral("user \"%1\": exec env must be a list of {name, value}").arg(name));
                    break;
                }
                Fields var(item, QStringLiteral("user \"%1\" exec env").arg(name));
                const QString varName = var.string("name");
                const QString value = var.string("value");
                if (var.firstError())
                    f.error(var.firstError()->line, var.firstError()->message);
                else if (varName.isEmpty())
                    f.error(item, QStringLiteral("user \"%1\": exec env variable name must be specified").arg(name));
                spec.env.append({varName, value});
            }
        }
    }
    const bool v1 = spec.apiVersion == QLatin1String("client.authentication.k8s.io/v1");
    const bool v1beta1 = spec.apiVersion == QLatin1String("client.authentication.k8s.io/v1beta1");
    if (spec.apiVersion.isEmpty())
        f.error(node, QStringLiteral("user \"%1\": exec apiVersion must be specified").arg(name));
    else if (!v1 && !v1beta1)
        f.error(
            f.node("apiVersion"),
            QStringLiteral("user \"%1\": exec apiVersion \"%2\" is not supported (use client.authentication.k8s.io/v1 "
                           "or v1beta1)")
                .arg(name, spec.apiVersion));
    if (spec.command.isEmpty())
        f.error(node, QStringLiteral("user \"%1\": exec command must be specified").arg(name));
    if (spec.interactiveMode.isEmpty() && v1beta1)
        spec.interactiveMode = QStringLiteral("IfAvailable");
    if (spec.interactiveMode.isEmpty() && v1)
        f.error(node, QStringLiteral("user \"%1\": exec interactiveMode must be specified").arg(name));
    else if (!spec.interactiveMode.isEmpty() && spec.interactiveMode != QLatin1String("Never") &&
             spec.interactiveMode != QLatin1String("IfAvailable") && spec.interactiveMode != QLatin1String("Always"))
        f.error(f.node("interactiveMode"),
                QStringLiteral("user \"%1\": invalid exec interactiveMode \"%2\"").arg(name, spec.interactiveMode));
    if (spec.command.contains(QLatin1Char('/')))
        spec.command = resolvePath(dir, spec.command);
    if (f.firstError())
        user.error(f.firstError()->line, f.firstError()->message);
    return spec;
}

UserEntry parseUser(const YAML::Node &body, const QString &name, const QString &dir)
{
    UserEntry e;
    e.auth.userName = name;
    Fields f(body, QStringLiteral("user \"%1\"").arg(name));
    e.auth.token = f.string("token");
    const QString tokenFile = resolvePath(dir, f.string("tokenFile"));
    if (e.auth.token.isEmpty())
        e.auth.tokenFile = tokenFile; // kubectl: an inline token wins over tokenFile
    if (!e.auth.tokenFile.isEmpty() && !QFileInfo(e.auth.tokenFile).isReadable())
        f.error(f.node("tokenFile"), QStringLiteral("user \"%1\": cannot read tokenFile \"%2\"").arg(name, tokenFile));
    e.auth.username = f.string("username");
    e.auth.password = f.string("password");

    const QByteArray certData = f.base64("client-certificate-data");
    const QString certFile = resolvePath(dir, f.string("client-certificate"));
    const QByteArray keyData = f.base64("client-key-data");
    const QString keyFile = resolvePath(dir, f.string("client-key"));
    e.auth.clientCertificatePem =
        !certData.isEmpty()
            ? certData
            : (certFile.isEmpty() ? QByteArray() : readReferencedFile(f, "client-certificate", certFile));
    e.auth.clientKeyPem = !keyData.isEmpty()
                              ? keyData
                              : (keyFile.isEmpty() ? QByteArray() : readReferencedFile(f, "client-key", keyFile));
    const bool hasCert = !certData.isEmpty() || !certFile.isEmpty();
    const bool hasKey = !keyData.isEmpty() || !keyFile.isEmpty();
    if (hasCert && !hasKey)
        f.error(body, QStringLiteral("user \"%1\": client-key-data or client-key must be specified to use a client "
                                     "certificate")
                          .arg(name));
    else if (hasKey && !hasCert)
        f.error(body, QStringLiteral("user \"%1\": client-certificate-data or client-certificate must be specified to "
                                     "use a client key")
                          .arg(name));
    if (!e.auth.clientCertificatePem.isEmpty() &&
        QSslCertificate::fromData(e.auth.clientCertificatePem, QSsl::Pem).isEmpty())
        f.error(certData.isEmpty() ? f.node("client-certificate") : f.node("client-certificate-data"),
                QStringLiteral("user \"%1\": the client certificate holds no PEM certificate").arg(name));
    if (!e.auth.clientKeyPem.isEmpty() && privateKeyFromPem(e.auth.clientKeyPem).isNull())
        f.error(keyData.isEmpty() ? f.node("client-key") : f.node("client-key-data"),
                QStringLiteral("user \"%1\": the client key is not a PEM private key").arg(name));

    const YAML::Node exec = body["exec"];
    if (exec.IsDefined() && !exec.IsNull())
        e.auth.exec = parseExec(f, exec, name, dir);

    const YAML::Node provider = body["auth-provider"];
    if (provider.IsDefined() && !provider.IsNull()) {
        QString providerName;
        if (provider.IsMap() && isScalar(provider["name"]))
            providerName = fromStd(provider["name"].Scalar());
        e.unsupportedLine = lineOf(provider);
        e.auth.unsupported = QStringLiteral("user \"%1\" uses auth-provider \"%2\", which is not supported; use an "
                                            "exec credential plugin instead (for example kubelogin, "
                                            "gke-gcloud-auth-plugin or aws eks get-token)")
                                 .arg(name, providerName);
        if (e.auth.exec)
            f.error(provider,
                    QStringLiteral("user \"%1\": auth-provider cannot be combined with an exec plugin").arg(name));
    }

    QStringList methods;
    if (!e.auth.token.isEmpty() || !e.auth.tokenFile.isEmpty())
        methods << QStringLiteral("token");
    if (!e.auth.username.isEmpty() || !e.auth.password.isEmpty())
        methods << QStringLiteral("basicAuth");
    if (methods.size() > 1)
        f.error(body, QStringLiteral("user \"%1\": more than one authentication method found (%2); only one is allowed")
                          .arg(name, methods.join(QLatin1String(", "))));
    if (e.auth.exec && (!methods.isEmpty() || !e.auth.clientCertificatePem.isEmpty())) {
        // kubectl (client-go's exec authenticator) does not run the plugin when the user also has a token, basic
        // auth or a client certificate: those win. Do the same, and say so.
        e.auth.exec.reset();
        e.warnings << QCoreApplication::translate("rolldeck::kube",
                                                  "User \"%1\" has an exec plugin and static credentials; the "
                                                  "static credentials are used and the plugin is not run, as "
                                                  "kubectl does.")
                          .arg(name);
    }
    for (const char *key : {"as", "as-uid", "as-groups", "as-user-extra"}) {
        if (f.has(key))
            e.warnings << QCoreApplication::translate("rolldeck::kube",
                                                      "User \"%1\": impersonation (%2) is not supported and is not "
                                                      "applied.")
                              .arg(name, QLatin1String(key));
    }
    e.error = f.firstError();
    return e;
}

ContextEntry parseContext(const YAML::Node &body, const QString &name)
{
    ContextEntry e;
    Fields f(body, QStringLiteral("context \"%1\"").arg(name));
    e.cluster = f.string("cluster");
    e.user = f.string("user");
    e.ns = f.string("namespace");
    e.error = f.firstError();
    return e;
}

// Walks one top-level list (clusters/users/contexts) of named entries. Within one file the first entry of a name
// is kept and a repeat is a problem.
template <typename Entry, typename Parse>
void parseNamedList(const YAML::Node &root, const char *listKey, const char *bodyKey, const QString &file,
                    std::map<QString, Entry> &out, QList<KubeconfigProblem> &problems, Parse parse)
{
    const YAML::Node list = root[listKey];
    if (!list.IsDefined() || list.IsNull())
        return;
    if (!list.IsSequence()) {
        problems.append({file, lineOf(list), {}, QStringLiteral("\"%1\" must be a list").arg(QLatin1String(listKey))});
        return;
    }
    for (const YAML::Node &item : list) {
        if (!item.IsMap() || !isScalar(item["name"]) || item["name"].Scalar().empty()) {
            problems.append(
                {file, lineOf(item), {}, QStringLiteral("an entry in \"%1\" has no name").arg(QLatin1String(listKey))});
            continue;
        }
        const QString name = fromStd(item["name"].Scalar());
        if (out.count(name)) {
            problems.append({file,
                             lineOf(item),
                             {},
                             QStringLiteral("duplicate name \"%1\" in \"%2\"; the first one is used")
                                 .arg(name, QLatin1String(listKey))});
            continue;
        }
        const YAML::Node body = item[bodyKey];
        Entry entry;
        if (!body.IsDefined() || body.IsNull()) {
            entry.error = EntryError{lineOf(item), QStringLiteral("%1 \"%2\" has no \"%3\" section")
                                                       .arg(QLatin1String(bodyKey), name, QLatin1String(bodyKey))};
        } else if (!body.IsMap()) {
            entry.error = EntryError{lineOf(body), QStringLiteral("%1 \"%2\": \"%3\" must be a mapping")
                                                       .arg(QLatin1String(bodyKey), name, QLatin1String(bodyKey))};
        } else {
            entry = parse(body, name);
        }
        entry.file = file;
        entry.line = lineOf(item);
        out.emplace(name, std::move(entry));
    }
}

std::optional<ParsedFile> parseText(const QByteArray &text, const QString &file, QList<KubeconfigProblem> &problems)
{
    if (text.size() > kKubeconfigLimits.maxBytes) {
        problems.append({file,
                         0,
                         {},
                         QStringLiteral("cannot read kubeconfig: larger than %1 (the limit)")
                             .arg(formatBytes(kKubeconfigLimits.maxBytes))});
        return std::nullopt;
    }
    YAML::Node root;
    try {
        root = YAML::Load(text.toStdString());
    } catch (const YAML::DeepRecursion &e) {
        problems.append({file, e.mark.line >= 0 ? e.mark.line + 1 : 0, {}, yamlTooDeepMessage()});
        return std::nullopt;
    } catch (const YAML::Exception &e) {
        problems.append({file,
                         e.mark.line >= 0 ? e.mark.line + 1 : 0,
                         {},
                         QStringLiteral("not valid YAML: %1").arg(fromStd(e.msg))});
        return std::nullopt;
    }
    const YamlBoundsCheck bounds = checkYamlBounds(root, kKubeconfigLimits.maxNodes);
    if (!bounds.message.isEmpty()) {
        problems.append({file, bounds.line, {}, bounds.message});
        return std::nullopt;
    }
    for (const auto &[line, key] : bounds.duplicateKeys)
        problems.append(
            {file, line, {}, QStringLiteral("key \"%1\" appears twice in one mapping; the first is used").arg(key)});
    ParsedFile parsed;
    if (!root.IsDefined() || root.IsNull())
        return parsed; // an empty file is an empty config, as for kubectl
    if (!root.IsMap()) {
        problems.append({file, lineOf(root), {}, QStringLiteral("a kubeconfig must be a mapping")});
        return std::nullopt;
    }
    const QString dir = QFileInfo(file).absolutePath();
    try {
        parseNamedList(root, "clusters", "cluster", file, parsed.clusters, problems,
                       [&](const YAML::Node &body, const QString &name) { return parseCluster(body, name, dir); });
        parseNamedList(root, "users", "user", file, parsed.users, problems,
                       [&](const YAML::Node &body, const QString &name) { return parseUser(body, name, dir); });
        parseNamedList(root, "contexts", "context", file, parsed.contexts, problems,
                       [&](const YAML::Node &body, const QString &name) { return parseContext(body, name); });
        const YAML::Node current = root["current-context"];
        if (current.IsDefined() && !current.IsNull()) {
            if (current.IsScalar())
                parsed.currentContext = fromStd(current.Scalar());
            else
                problems.append({file, lineOf(current), {}, QStringLiteral("\"current-context\" must be a string")});
        }
    } catch (const YAML::Exception &e) {
        // yaml-cpp throws on unexpected shapes inside its accessors; keep what was read so far.
        problems.append({file, e.mark.line >= 0 ? e.mark.line + 1 : 0, {}, fromStd(e.msg)});
    }
    return parsed;
}

std::optional<ParsedFile> parseFile(const QString &file, QList<KubeconfigProblem> &problems)
{
    const BoundedRead read = readBoundedFile(file, kKubeconfigLimits.maxBytes);
    if (!read.error.isEmpty()) {
        problems.append({file, 0, {}, QStringLiteral("cannot read kubeconfig: %1").arg(read.error)});
        return std::nullopt;
    }
    return parseText(read.data, file, problems);
}

} // namespace

QString KubeconfigProblem::toString() const
{
    QString where = file;
    if (line > 0)
        where += QLatin1Char(':') + QString::number(line);
    // Names and values come from the file: no raw control characters to a terminal.
    if (context.isEmpty())
        return printableText(where + QStringLiteral(": ") + message);
    return printableText(where + QStringLiteral(": context \"") + context + QStringLiteral("\": ") + message);
}

const ClusterConfig *Kubeconfig::context(const QString &name) const
{
    for (const ClusterConfig &c : contexts) {
        if (c.contextName == name)
            return &c;
    }
    return nullptr;
}

QStringList kubeconfigFiles(const QString &explicitPath, const QString &kubeconfigEnv, const QString &homeDir)
{
    if (!explicitPath.isEmpty())
        return {QFileInfo(explicitPath).absoluteFilePath()};
    QStringList files;
    if (!kubeconfigEnv.isEmpty()) {
        const QStringList entries = kubeconfigEnv.split(QDir::listSeparator(), Qt::SkipEmptyParts);
        for (const QString &entry : entries) {
            const QString path = QFileInfo(entry).absoluteFilePath();
            if (!files.contains(path) && QFileInfo::exists(path))
                files.append(path);
        }
        return files;
    }
    const QString home = QDir(homeDir).filePath(QStringLiteral(".kube/config"));
    if (QFileInfo::exists(home))
        files.append(home);
    return files;
}

namespace {
using ParseOne = std::function<std::optional<ParsedFile>(const QString &, QList<KubeconfigProblem> &)>;
Kubeconfig mergeKubeconfigs(const QStringList &files, const ParseOne &parseOne);
} // namespace

Kubeconfig loadKubeconfig(const QString &explicitPath)
{
    return loadKubeconfigFiles(kubeconfigFiles(explicitPath, qEnvironmentVariable("KUBECONFIG"), QDir::homePath()));
}

Kubeconfig loadKubeconfigFiles(const QStringList &files)
{
    return mergeKubeconfigs(
        files, [](const QString &file, QList<KubeconfigProblem> &problems) { return parseFile(file, problems); });
}

Kubeconfig parseKubeconfig(const QByteArray &yaml, const QString &fileName)
{
    return mergeKubeconfigs({fileName}, [&yaml](const QString &file, QList<KubeconfigProblem> &problems) {
        return parseText(yaml, file, problems);
    });
}

namespace {

Kubeconfig mergeKubeconfigs(const QStringList &files, const ParseOne &parseOne)
{
    Kubeconfig result;
    result.files = files;
    std::map<QString, ClusterEntry> clusters;
    std::map<QString, UserEntry> users;
    std::map<QString, ContextEntry> contexts;
    QString currentContextFile;
    for (const QString &file : files) {
        std::optional<ParsedFile> parsed = parseOne(file, result.problems);
        if (!parsed)
            continue;
        // First file to set a map key wins; first file to set current-context wins.
        clusters.merge(parsed->clusters);
        users.merge(parsed->users);
        contexts.merge(parsed->contexts);
        if (result.currentContext.isEmpty() && !parsed->currentContext.isEmpty()) {
            result.currentContext = parsed->currentContext;
            currentContextFile = file;
        }
    }

    QSet<QString> usedClusters;
    QSet<QString> usedUsers;
    for (const auto &[name, ctx] : contexts) {
        auto problem = [&, &ctxName = name](int line, const QString &file, const QString &message) {
            result.problems.append({file, line, ctxName, message});
        };
        if (ctx.error) {
            problem(ctx.error->line, ctx.file, ctx.error->message);
            continue;
        }
        if (ctx.cluster.isEmpty()) {
            problem(ctx.line, ctx.file, QStringLiteral("no cluster is named"));
            continue;
        }
        const auto cluster = clusters.find(ctx.cluster);
        if (cluster == clusters.end()) {
            problem(ctx.line, ctx.file, QStringLiteral("cluster \"%1\" was not found").arg(ctx.cluster));
            continue;
        }
        usedClusters.insert(ctx.cluster);
        if (cluster->second.error) {
            problem(cluster->second.error->line, cluster->second.file, cluster->second.error->message);
            continue;
        }
        ClusterConfig config;
        config.contextName = name;
        config.clusterName = ctx.cluster;
        config.defaultNamespace = ctx.ns.isEmpty() ? QStringLiteral("default") : ctx.ns;
        config.server = cluster->second.server;
        config.certificateAuthorityPem = cluster->second.caPem;
        config.insecureSkipTlsVerify = cluster->second.insecure;
        config.tlsServerName = cluster->second.tlsServerName;
        config.proxyUrl = cluster->second.proxyUrl;
        config.sourceFile = ctx.file;
        if (config.insecureSkipTlsVerify)
            config.warnings << tlsWarning(config);
        if (!ctx.user.isEmpty()) {
            const auto user = users.find(ctx.user);
            usedUsers.insert(ctx.user);
            if (user == users.end()) {
                // kubectl connects without credentials here; say so rather than fail.
                config.auth.userName = ctx.user;
                config.warnings
                    << QStringLiteral("user \"%1\" was not found; connecting without credentials").arg(ctx.user);
            } else if (user->second.error) {
                problem(user->second.error->line, user->second.file, user->second.error->message);
                continue;
            } else {
                config.auth = user->second.auth;
                config.warnings << user->second.warnings;
                if (!config.auth.unsupported.isEmpty())
                    problem(user->second.unsupportedLine, user->second.file, config.auth.unsupported);
            }
        }
        result.contexts.append(std::move(config));
    }
    for (const auto &[name, cluster] : clusters) {
        if (cluster.error && !usedClusters.contains(name))
            result.problems.append({cluster.file, cluster.error->line, {}, cluster.error->message});
    }
    for (const auto &[name, user] : users) {
        if (user.error && !usedUsers.contains(name))
            result.problems.append({user.file, user.error->line, {}, user.error->message});
    }
    if (!result.currentContext.isEmpty() && !result.context(result.currentContext) &&
        !contexts.count(result.currentContext))
        result.problems.append({currentContextFile,
                                0,
                                {},
                                QStringLiteral("current-context \"%1\" does not exist").arg(result.currentContext)});
    for (const KubeconfigProblem &p : std::as_const(result.problems))
        qCDebug(lcKubeconfig).noquote() << p.toString();
    return result;
}

} // namespace

} // namespace rolldeck::kube

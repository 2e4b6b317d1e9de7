#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace rolldeck::kube {

// An exec credential plugin as a kubeconfig user names it (client.authentication.k8s.io v1 / v1beta1).
struct ExecPluginSpec
{
    QString apiVersion; // client.authentication.k8s.io/v1 or /v1beta1
    QString command;    // resolved against the kubeconfig folder when relative with a slash
    QStringList args;
    QList<QPair<QString, QString>> env;
    QString interactiveMode; // Never | IfAvailable | Always
    bool provideClusterInfo = false;
    QString installHint;
};

// How a kubeconfig user authenticates. Secret values live only in memory (never logged, never written).
struct UserAuth
{
    QString userName;                // the kubeconfig user entry's name
    QString token;                   // bearer token (inline)
    QString tokenFile;               // absolute path; re-read when the token is needed
    QByteArray clientCertificatePem; // from client-certificate(-data)
    QByteArray clientKeyPem;         // from client-key(-data)
    QString username;                // basic auth
    QString password;
    std::optional<ExecPluginSpec> exec;
    QString unsupported; // e.g. "auth-provider \"gcp\" is not supported, use an exec plugin"
};

// Everything needed to talk to one cluster through one kubeconfig context.
struct ClusterConfig
{
    QString contextName;
    QString clusterName;
    QString defaultNamespace; // the context's namespace, or "default"
    QUrl server;
    QByteArray certificateAuthorityPem; // from certificate-authority(-data); empty = system CAs
    bool insecureSkipTlsVerify = false; // honoured only when set; the UI shows it as a warning
    QString tlsServerName;
    QUrl proxyUrl;
    UserAuth auth;
    QString sourceFile;   // the kubeconfig file the context came from
    QStringList warnings; // usable but worth showing (peer verification off, user entry missing, ...)
};

} // namespace rolldeck::kube

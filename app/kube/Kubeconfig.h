#pragma once

// Kubeconfig loading as kubectl reads it.
//
// Usage:
//     const kube::Kubeconfig kc = kube::loadKubeconfig(explicitPathFromCommandLineOrEmpty);
//     for (const kube::ClusterConfig &ctx : kc.contexts) ...;   // one per usable context
//     kc.currentContext;                                         // may be empty
//     for (const auto &p : kc.problems) qWarning() << p.toString();   // "file:line: message"
// Reads files only (no network); safe to call from a worker thread.
//
// Rules (kubectl's): --kubeconfig wins and must exist; else KUBECONFIG (':'-separated; empty entries and
// missing files are skipped, duplicates read once); else ~/.kube/config. Files merge in order: the first file
// to define a cluster, user or context name wins, and current-context comes from the first file that sets it.
// Relative paths (certificate-authority, client-certificate, client-key, tokenFile, an exec command with a '/')
// resolve against the folder of the file that names them. Unlike kubectl, a broken file or entry does not
// sink the rest: it becomes a problem with file and line, and every other context still loads.

#include "kube/ClusterConfig.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace rolldeck::kube {

struct KubeconfigProblem
{
    QString file;
    int line = 0;    // 1-based; 0 = the file as a whole
    QString context; // the context it makes unusable, if any
    QString message; // technical text, no secrets

    QString toString() const;
};

struct Kubeconfig
{
    QStringList files; // the files read, highest precedence first
    QString currentContext;
    QList<ClusterConfig> contexts; // usable contexts, sorted by name
    QList<KubeconfigProblem> problems;

    const ClusterConfig *context(const QString &name) const;
};

// The files kubectl would read, highest precedence first (existing files only, except an explicit path).
QStringList kubeconfigFiles(const QString &explicitPath, const QString &kubeconfigEnv, const QString &homeDir);

// Loads with kubectl's file selection from the process environment (KUBECONFIG, HOME).
Kubeconfig loadKubeconfig(const QString &explicitPath = {});

// Loads and merges exactly these files, highest precedence first. A file that does not exist is a problem.
Kubeconfig loadKubeconfigFiles(const QStringList &files);

} // namespace rolldeck::kube

#pragma once

// An Argo CD Application as the console shows it (reference argocd A: the Application object), parsed from the REST
// API's JSON: only the fields the applications view and the environments matrix use.

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace rolldeck {

struct ApplicationHistoryEntry
{
    qint64 id = 0;
    QString revision;
    QDateTime deployedAt;
    QString initiatedBy; // a user name, or "automated"
};

struct ApplicationResource
{
    QString group;
    QString kind;
    QString ns;
    QString name;
    QString syncStatus;
    QString health;
};

struct Application
{
    QString server; // the Argo CD server it came from (its URL); empty when the console knows only one
    QString name;
    QString project;
    QString destinationNamespace;
    QString repoURL;     // the source's Git repository (the first source's for a multi-source application)
    QString environment; // the `environment` label; empty when unset
    QString resourceVersion;
    QString syncStatus; // Synced, OutOfSync, Unknown
    // The revision Argo CD compared the live state to: the tracked branch's resolved head. What runs is
    // deployedRevision().
    QString syncRevision;
    QString health; // Healthy, Progressing, Degraded, Suspended, Missing, Unknown
    QString healthMessage;
    QString operationPhase; // Running, Terminating, Succeeded, Failed, Error; empty: none yet
    QString operationMessage;
    QDateTime operationStartedAt;
    QDateTime operationFinishedAt;
    QString operationBy; // who started the last operation: a user name, or "automated"
    bool autoSync = false;
    bool selfHeal = false;
    QStringList images;
    QList<ApplicationResource> resources;
    QList<ApplicationHistoryEntry> history; // oldest first, as Argo CD keeps it

    // What identifies it in the console: its name, and with a server `name@server` (two servers may both have an
    // application called `web`; an Argo CD application name is a DNS label, so it holds no `@`).
    QString key() const { return keyOf(server, name); }
    static QString keyOf(const QString &server, const QString &name)
    {
        return server.isEmpty() ? name : name + QLatin1Char('@') + server;
    }

    // The applications this one manages (app-of-apps): its resources of kind Application.
    QStringList children() const;
    // The Rollouts it deploys.
    QList<ApplicationResource> rollouts() const;
    bool operationRunning() const
    {
        return operationPhase == QLatin1String("Running") || operationPhase == QLatin1String("Terminating");
    }
    // The revision deployed last: the newest history entry's (a rollback or a sync to an older commit leaves
    // syncRevision at the branch's head). Empty when nothing was deployed yet.
    QString deployedRevision() const { return history.isEmpty() ? QString() : history.last().revision; }
    // The revision's first 7 characters, as Argo CD's UI shows a SHA.
    static QString shortRevision(const QString &revision) { return revision.left(7); }

    // From the API's Application object; unknown or missing fields stay empty.
    static Application fromJson(const QJsonObject &object);
};

} // namespace rolldeck

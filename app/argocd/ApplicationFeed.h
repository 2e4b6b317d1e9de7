#pragma once

#include "argocd/ApplicationStreamParser.h"
#include "models/argocd/Application.h"
#include "models/domain/Staleness.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

class QNetworkReply;

namespace rolldeck::argocd {

class Client;

// The Argo CD applications, live (docs/argocd.md "The applications, live"): a list (`GET /api/v1/applications`),
// then the stream (`GET /api/v1/stream/applications?resourceVersion=…`) kept open. When the stream ends or fails the
// feed is stale ("stale since …", the same Staleness as the cluster caches) and reconnects with a growing back-off
// (1 s doubling to 30 s) from the last resourceVersion it saw, so nothing is missed and nothing is listed again; a
// failed list is retried the same way. GUI thread.
class ApplicationFeed : public QObject
{
    Q_OBJECT
public:
    // `applications`: only these (the workspace's); empty: all the account sees.
    ApplicationFeed(Client *client, QStringList applications = {}, QObject *parent = nullptr);
    ~ApplicationFeed() override;

    void start();
    void stop();
    bool isStale() const { return m_staleness.isStale(); }
    const Staleness &staleness() const { return m_staleness; }
    QString resourceVersion() const { return m_resourceVersion; }
    // Ends the open stream as if the connection dropped (tests, and a manual "reconnect").
    void dropStream();
    void setBackoff(int initialMs, int maxMs);

Q_SIGNALS:
    void listed(const QList<rolldeck::Application> &applications);
    void changed(const rolldeck::Application &application);
    void removed(const QString &name);
    void stalenessChanged(const rolldeck::Staleness &staleness);
    void streamOpened(); // each time a stream (re)connects

private:
    void list();
    void openStream();
    void onStreamData();
    void onStreamFinished();
    void markStale(const QString &cause);
    void markLive();
    void retryLater();
    bool wanted(const QString &name) const { return m_applications.isEmpty() || m_applications.contains(name); }
    void noteVersion(const QString &resourceVersion);

    QPointer<Client> m_client;
    QStringList m_applications;
    QNetworkReply *m_stream = nullptr;
    ApplicationStreamParser m_parser;
    QString m_resourceVersion;
    bool m_listed = false;
    bool m_running = false;
    Staleness m_staleness;
    QTimer m_retry{this};
    int m_backoffMs = 1000;
    int m_initialBackoffMs = 1000;
    int m_maxBackoffMs = 30000;
};

} // namespace rolldeck::argocd

#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <QDateTime>

#include <functional>
#include <memory>

namespace rolldeck {

class Connections;
class RolloutDetailModel;
class RolloutDetailSession;

// Keeps the console's one detail model live: open() starts a RolloutDetailSession on that cluster's connection
// (closing the previous one, which releases its caches) and copies its views, state and staleness into the model.
class RolloutDetailController : public QObject
{
    Q_OBJECT
public:
    RolloutDetailController(Connections *connections, RolloutDetailModel *model, QObject *parent = nullptr);
    ~RolloutDetailController() override;

    // The clock the details compute ages and pause remaining against (default: the system clock).
    void setClock(std::function<QDateTime()> clock);
    // How much faster than the clock the cluster runs its durations (RolloutDetailSession::setTimeScale).
    void setTimeScale(double scale);

    void open(const QString &cluster, const QString &namespaceName, const QString &name);
    void close();
    RolloutDetailSession *session() const { return m_session.get(); }

private:
    void onUpdated();
    void onState();
    void onStaleness();

    QPointer<Connections> m_connections;
    QPointer<RolloutDetailModel> m_model;
    std::function<QDateTime()> m_clock;
    double m_timeScale = 1.0;
    std::unique_ptr<RolloutDetailSession> m_session;
    QMetaObject::Connection m_connectionGone;
};

} // namespace rolldeck

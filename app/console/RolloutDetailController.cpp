#include "console/RolloutDetailController.h"

#include "console/Connections.h"
#include "console/RolloutDetailSession.h"
#include "kube/ClusterConnection.h"

#include "models/itemmodels/RolloutDetailModel.h"
#include "models/itemmodels/RolloutEventModel.h"
#include "models/itemmodels/TrafficModel.h"

namespace rolldeck {

RolloutDetailController::RolloutDetailController(Connections *connections, RolloutDetailModel *model, QObject *parent)
    : QObject(parent), m_connections(connections), m_model(model)
{
}

RolloutDetailController::~RolloutDetailController()
{
    close();
}

void RolloutDetailController::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
    if (m_session && m_clock)
        m_session->setClock(m_clock);
}

void RolloutDetailController::setTimeScale(double scale)
{
    m_timeScale = scale > 0 ? scale : 1.0;
    if (m_session)
        m_session->setTimeScale(m_timeScale);
}

void RolloutDetailController::open(const QString &cluster, const QString &namespaceName, const QString &name)
{
    if (m_session && m_session->context() == cluster && m_session->namespaceName() == namespaceName &&
        m_session->name() == name)
        return;
    close();
    if (!m_model)
        return;
    m_model->setTarget(cluster, namespaceName, name);
    kube::ClusterConnection *connection = m_connections ? m_connections->connection(cluster) : nullptr;
    if (!connection) {
        m_model->setAvailability(RolloutDetailModel::Availability::NotFound);
        return;
    }
    m_session = std::make_unique<RolloutDetailSession>(connection, namespaceName, name);
    if (m_clock)
        m_session->setClock(m_clock);
    m_session->setTimeScale(m_timeScale);
    connect(m_session.get(), &RolloutDetailSession::updated, this, &RolloutDetailController::onUpdated);
    connect(m_session.get(), &RolloutDetailSession::stateChanged, this, &RolloutDetailController::onState);
    connect(m_session.get(), &RolloutDetailSession::stalenessChanged, this, &RolloutDetailController::onStaleness);
    // The session goes with its connection (a context removed while its detail is open).
    m_connectionGone = connect(connection, &QObject::destroyed, this, [this] {
        m_session.reset();
        if (m_model)
            m_model->setAvailability(RolloutDetailModel::Availability::NotFound);
    });
    m_session->open();
    onState();
    onStaleness();
}

void RolloutDetailController::close()
{
    if (!m_session)
        return;
    disconnect(m_connectionGone);
    disconnect(m_session.get(), nullptr, this, nullptr);
    m_session.reset(); // closes: releases its caches now
    if (m_model)
        m_model->setTarget({}, {}, {});
}

void RolloutDetailController::onUpdated()
{
    if (!m_session || !m_model)
        return;
    if (m_session->info())
        m_model->setInfo(*m_session->info());
    else
        m_model->clearInfo();
    m_model->traffic()->setTraffic(m_session->traffic());
    m_model->events()->setEvents(m_session->events());
    m_model->events()->setAccess(m_session->eventsAccess(), m_session->eventsCause());
}

void RolloutDetailController::onState()
{
    if (!m_session || !m_model)
        return;
    using State = RolloutDetailSession::State;
    using Availability = RolloutDetailModel::Availability;
    switch (m_session->state()) {
    case State::Closed:
        m_model->setAvailability(Availability::None);
        break;
    case State::Loading:
        m_model->setAvailability(Availability::Loading);
        break;
    case State::Ready:
        m_model->setAvailability(Availability::Ready);
        break;
    case State::NotFound:
        m_model->setAvailability(Availability::NotFound);
        break;
    }
}

void RolloutDetailController::onStaleness()
{
    if (!m_session || !m_model)
        return;
    m_model->setStaleness(m_session->staleness());
    m_model->traffic()->setStaleness(m_session->trafficStaleness());
}

} // namespace rolldeck

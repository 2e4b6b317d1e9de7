#include "AlertsFeed.h"

#include "secrets/WorkspaceSecrets.h"
#include "models/guard/AlertListModel.h"

namespace rolldeck::guard {

AlertsFeed::AlertsFeed(AlertListModel *model, QObject *parent) : QObject(parent), m_model(model)
{
    m_timer.setInterval(std::chrono::seconds(15));
    connect(&m_timer, &QTimer::timeout, this, &AlertsFeed::refresh);
}

AlertsFeed::~AlertsFeed() = default;

void AlertsFeed::setEndpoints(EndpointFor endpoints)
{
    m_endpoints = std::move(endpoints);
    m_client.reset();
    m_clientFor.clear();
    m_promRequest = m_amRequest = 0;
    m_waiting = 0;
}

void AlertsFeed::show(const QString &environment, const QString &ns, const QString &name,
                      const QMap<QString, QString> &rolloutLabels)
{
    if (environment == m_environment && ns == m_ns && name == m_name && rolloutLabels == m_labels && m_timer.isActive())
        return;
    const bool other = environment != m_environment || ns != m_ns || name != m_name;
    m_environment = environment;
    m_ns = ns;
    m_name = name;
    m_labels = rolloutLabels;
    if (other) {
        // Answers about the rollout shown before must not land in this one's panel.
        if (m_client) {
            m_client->cancel(m_promRequest);
            m_client->cancel(m_amRequest);
        }
        m_promRequest = m_amRequest = 0;
        m_waiting = 0;
        if (m_model)
            m_model->clear();
    }
    m_timer.start();
    refresh();
}

void AlertsFeed::clear()
{
    m_timer.stop();
    if (m_client) {
        m_client->cancel(m_promRequest);
        m_client->cancel(m_amRequest);
    }
    m_promRequest = m_amRequest = 0;
    m_waiting = 0;
    m_environment.clear();
    m_ns.clear();
    m_name.clear();
    m_labels.clear();
    if (m_model)
        m_model->clear();
}

prom::PrometheusClient *AlertsFeed::client()
{
    if (m_client && m_clientFor == m_environment)
        return m_client.get();
    m_client.reset();
    m_promRequest = m_amRequest = 0;
    m_waiting = 0;
    const std::optional<prom::PromEndpoint> endpoint = m_endpoints ? m_endpoints(m_environment) : std::nullopt;
    if (!endpoint)
        return nullptr;
    m_client = std::make_unique<prom::PrometheusClient>(*endpoint);
    m_client->setSecrets(m_secrets);
    m_client->setTimeout(std::chrono::seconds(10));
    m_clientFor = m_environment;
    return m_client.get();
}

void AlertsFeed::answered()
{
    if (--m_waiting == 0)
        emit refreshed();
}

void AlertsFeed::refresh()
{
    if (!m_model || m_name.isEmpty() || m_waiting > 0)
        return;
    prom::PrometheusClient *c = client();
    if (!c) {
        m_model->setError(AlertItem::Source::Prometheus,
                          tr("No Prometheus is configured for the environment %1.").arg(m_environment));
        m_model->setAlerts(AlertItem::Source::Alertmanager, {});
        emit refreshed();
        return;
    }
    const QString ns = m_ns, name = m_name;
    const QMap<QString, QString> labels = m_labels;
    m_waiting = 2;
    m_promRequest = c->alerts(this, [this, ns, name, labels](const prom::PromReply<QList<prom::PromAlert>> &r) {
        m_promRequest = 0;
        if (!r.ok()) {
            m_model->setError(AlertItem::Source::Prometheus, r.message);
        } else {
            QList<AlertItem> items;
            for (const prom::PromAlert &a : *r.value) {
                if (!alertConcerns(a.labels, ns, name, labels))
                    continue;
                items.append({AlertItem::Source::Prometheus, a.labels, a.annotations, a.state, a.activeAt});
            }
            m_model->setAlerts(AlertItem::Source::Prometheus, items);
        }
        answered();
    });
    if (c->endpoint().alertmanagerUrl.isEmpty()) {
        m_model->setAlerts(AlertItem::Source::Alertmanager, {});
        answered();
        return;
    }
    const QStringList filters{QStringLiteral("namespace=\"%1\"").arg(ns)};
    m_amRequest = c->alertmanagerAlerts(
        filters, this, [this, ns, name, labels](const prom::PromReply<QList<prom::AlertmanagerAlert>> &r) {
            m_amRequest = 0;
            if (!r.ok()) {
                m_model->setError(AlertItem::Source::Alertmanager, r.message);
            } else {
                QList<AlertItem> items;
                for (const prom::AlertmanagerAlert &a : *r.value) {
                    if (!alertConcerns(a.labels, ns, name, labels))
                        continue;
                    items.append({AlertItem::Source::Alertmanager, a.labels, a.annotations, a.state, a.startsAt});
                }
                m_model->setAlerts(AlertItem::Source::Alertmanager, items);
            }
            answered();
        });
}

} // namespace rolldeck::guard

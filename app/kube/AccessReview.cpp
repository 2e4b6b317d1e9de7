#include "kube/AccessReview.h"

#include "kube/ClusterConnection.h"
#include "kube/KubeLogging.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace rolldeck::kube {

QString AccessQuery::key() const
{
    return verb + QLatin1Char('|') + group + QLatin1Char('|') + resource + QLatin1Char('|') + subresource +
           QLatin1Char('|') + ns + QLatin1Char('|') + name;
}

AccessReview::AccessReview(ClusterConnection *connection, QObject *parent) : QObject(parent), m_connection(connection)
{
}

std::optional<AccessDecision> AccessReview::cached(const AccessQuery &query) const
{
    const auto it = m_cache.constFind(query.key());
    if (it == m_cache.constEnd() || it->at.secsTo(QDateTime::currentDateTimeUtc()) >= m_ttlSeconds)
        return std::nullopt;
    return it->decision;
}

void AccessReview::clear()
{
    m_cache.clear();
    m_identity.reset();
}

void AccessReview::check(const AccessQuery &query, QObject *context, DecisionCallback done)
{
    if (const auto hit = cached(query)) {
        done(*hit);
        return;
    }
    const QString key = query.key();
    const bool inFlight = m_waiting.contains(key);
    m_waiting[key].append({QPointer<QObject>(context), std::move(done)});
    if (inFlight)
        return;

    QJsonObject attributes{{QStringLiteral("verb"), query.verb},
                           {QStringLiteral("group"), query.group},
                           {QStringLiteral("resource"), query.resource}};
    if (!query.subresource.isEmpty())
        attributes.insert(QStringLiteral("subresource"), query.subresource);
    if (!query.ns.isEmpty())
        attributes.insert(QStringLiteral("namespace"), query.ns);
    if (!query.name.isEmpty())
        attributes.insert(QStringLiteral("name"), query.name);
    const QJsonObject review{{QStringLiteral("apiVersion"), QStringLiteral("authorization.k8s.io/v1")},
                             {QStringLiteral("kind"), QStringLiteral("SelfSubjectAccessReview")},
                             {QStringLiteral("spec"), QJsonObject{{QStringLiteral("resourceAttributes"), attributes}}}};
    KubeRequest request;
    request.verb = QByteArrayLiteral("POST");
    request.path = QStringLiteral("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews");
    request.contentType = QByteArrayLiteral("application/json");
    request.body = QJsonDocument(review).toJson(QJsonDocument::Compact);
    ++m_requests;
    m_connection->send(request, this, [this, key](const KubeResponse &response) {
        AccessDecision decision;
        if (!response.ok()) {
            decision.error = response.error;
            decision.reason = response.error->toString();
        } else {
            const QJsonObject status = response.object.value(QLatin1String("status")).toObject();
            decision.allowed = status.value(QLatin1String("allowed")).toBool();
            decision.denied = status.value(QLatin1String("denied")).toBool();
            decision.reason = status.value(QLatin1String("reason")).toString();
            const QString evaluationError = status.value(QLatin1String("evaluationError")).toString();
            if (decision.reason.isEmpty())
                decision.reason = evaluationError;
            m_cache.insert(key, {decision, QDateTime::currentDateTimeUtc()});
        }
        const QList<Waiter> waiters = m_waiting.take(key);
        for (const Waiter &waiter : waiters) {
            if (waiter.context)
                waiter.done(decision);
        }
        emit decided(key, decision);
    });
}

void AccessReview::identity(QObject *context, IdentityCallback done)
{
    if (m_identity) {
        done(*m_identity);
        return;
    }
    const bool inFlight = !m_identityWaiters.isEmpty();
    m_identityWaiters.append({QPointer<QObject>(context), std::move(done)});
    if (inFlight)
        return;
    KubeRequest request;
    request.verb = QByteArrayLiteral("POST");
    request.path = QStringLiteral("/apis/authentication.k8s.io/v1/selfsubjectreviews");
    request.contentType = QByteArrayLiteral("application/json");
    request.body = QJsonDocument(QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("authentication.k8s.io/v1")},
                                             {QStringLiteral("kind"), QStringLiteral("SelfSubjectReview")}})
                       .toJson(QJsonDocument::Compact);
    ++m_requests;
    m_connection->send(request, this, [this](const KubeResponse &response) {
        Identity id;
        const QJsonObject userInfo =
            response.object.value(QLatin1String("status")).toObject().value(QLatin1String("userInfo")).toObject();
        if (response.ok() && !userInfo.value(QLatin1String("username")).toString().isEmpty()) {
            id.source = Identity::Source::SelfSubjectReview;
            id.username = userInfo.value(QLatin1String("username")).toString();
            const QJsonArray groups = userInfo.value(QLatin1String("groups")).toArray();
            for (const QJsonValue &g : groups)
                id.groups.append(g.toString());
            m_identity = id;
        } else {
            // Older servers (before 1.28 without the beta) answer 404: fall back to the kubeconfig's user entry.
            id.source = Identity::Source::Kubeconfig;
            id.username = m_connection->config().auth.userName;
            if (response.ok() || response.error->isNotFound() || response.error->httpStatus == 405)
                m_identity = id;
            else
                qCInfo(lcKube) << m_connection->contextName() << "SelfSubjectReview failed:" << response.error->cause();
        }
        const auto waiters = std::exchange(m_identityWaiters, {});
        for (const auto &[ctx, cb] : waiters) {
            if (ctx)
                cb(id);
        }
    });
}

} // namespace rolldeck::kube

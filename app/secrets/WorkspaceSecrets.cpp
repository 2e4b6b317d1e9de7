#include "secrets/WorkspaceSecrets.h"

#include <QCoreApplication>
#include <QSet>

namespace rolldeck {

QString CredentialReference::endpointText() const
{
    switch (endpoint) {
    case Endpoint::ArgoCd:
        return QCoreApplication::translate("WorkspaceSecrets", "Argo CD at %1").arg(url.toDisplayString());
    case Endpoint::Prometheus:
        return QCoreApplication::translate("WorkspaceSecrets", "Prometheus at %1").arg(url.toDisplayString());
    }
    return url.toDisplayString();
}

QList<CredentialReference> credentialReferences(const Workspace &workspace)
{
    QList<CredentialReference> out;
    for (const Environment &environment : workspace.environments) {
        if (environment.argocd && environment.argocd->credential.isSet()) {
            out.append({environment.name, CredentialReference::Endpoint::ArgoCd, environment.argocd->server,
                        environment.argocd->credential});
        }
        if (environment.prometheus && environment.prometheus->credential.isSet()) {
            out.append({environment.name, CredentialReference::Endpoint::Prometheus, environment.prometheus->url,
                        environment.prometheus->credential});
        }
    }
    return out;
}

QString CredentialStatus::problem() const
{
    const QString key = reference.ref.key;
    switch (error) {
    case SecretReply::Error::None:
        return QString();
    case SecretReply::Error::Missing:
        return QCoreApplication::translate("WorkspaceSecrets",
                                           "%1: %2 needs the keychain entry \"%3\", which is missing; set it "
                                           "with: rolldeck credential set %3")
            .arg(reference.environment, reference.endpointText(), key);
    case SecretReply::Error::NoService:
    case SecretReply::Error::AccessDenied:
    case SecretReply::Error::Failed:
        break;
    }
    SecretReply reply;
    reply.service = reference.ref.service;
    reply.key = key;
    reply.error = error;
    reply.detail = detail;
    return QCoreApplication::translate("WorkspaceSecrets", "%1: %2 needs the keychain entry \"%3\": %4")
        .arg(reference.environment, reference.endpointText(), key, reply.message());
}

WorkspaceSecrets::WorkspaceSecrets(QObject *parent) : QObject(parent) {}

WorkspaceSecrets::~WorkspaceSecrets()
{
    forget();
}

SecretStore *WorkspaceSecrets::storeFor(const QString &service)
{
    SecretStore *&store = m_stores[service];
    if (!store)
        store = new SecretStore(service, this);
    return store;
}

void WorkspaceSecrets::remember(const SecretReply &reply)
{
    const QString id = entryId(reply.service, reply.key);
    if (reply.ok() && reply.operation == SecretReply::Operation::Read)
        m_values.insert(id, reply.secret);
    else if (reply.error == SecretReply::Error::Missing)
        m_values.remove(id);
}

void WorkspaceSecrets::check(const Workspace &workspace)
{
    const quint64 generation = ++m_generation;
    m_checking.clear();
    for (const CredentialReference &reference : credentialReferences(workspace))
        m_checking.append({reference, SecretReply::Error::None, QString()});

    QSet<QString> entries;
    for (const CredentialStatus &status : std::as_const(m_checking))
        entries.insert(entryId(status.reference.ref.service, status.reference.ref.key));
    m_pending = int(entries.size());
    if (m_pending == 0) {
        m_statuses = m_checking;
        // Asynchronous like every other outcome, so a caller connecting after check() still hears it.
        QMetaObject::invokeMethod(
            this,
            [this, generation] {
                if (generation == m_generation)
                    emit checked(m_statuses);
            },
            Qt::QueuedConnection);
        return;
    }
    QSet<QString> started;
    for (const CredentialStatus &status : std::as_const(m_checking)) {
        const KeychainRef ref = status.reference.ref;
        if (started.contains(entryId(ref.service, ref.key)))
            continue;
        started.insert(entryId(ref.service, ref.key));
        storeFor(ref.service)->read(ref.key, this, [this, generation](const SecretReply &reply) {
            if (generation != m_generation)
                return;
            remember(reply);
            for (CredentialStatus &s : m_checking) {
                if (s.reference.ref.service == reply.service && s.reference.ref.key == reply.key) {
                    s.error = reply.error;
                    s.detail = reply.detail;
                }
            }
            if (--m_pending == 0) {
                m_statuses = m_checking;
                emit checked(m_statuses);
            }
        });
    }
}

std::optional<QByteArray> WorkspaceSecrets::secret(const KeychainRef &ref) const
{
    const auto it = m_values.constFind(entryId(ref.service, ref.key));
    if (it == m_values.constEnd())
        return std::nullopt;
    return *it;
}

void WorkspaceSecrets::resolve(const KeychainRef &ref, QObject *context, SecretStore::Handler done)
{
    if (const std::optional<QByteArray> known = secret(ref)) {
        SecretReply reply;
        reply.service = ref.service;
        reply.key = ref.key;
        reply.secret = *known;
        QMetaObject::invokeMethod(
            context, [done = std::move(done), reply] { done(reply); }, Qt::QueuedConnection);
        return;
    }
    storeFor(ref.service)->read(ref.key, context, [this, done = std::move(done)](const SecretReply &reply) {
        remember(reply);
        done(reply);
    });
}

void WorkspaceSecrets::forget()
{
    // Overwrite before letting go, so the value does not linger in freed memory (best effort: copies handed
    // out are the holder's to clear).
    for (QByteArray &value : m_values)
        value.fill('\0');
    m_values.clear();
}

} // namespace rolldeck

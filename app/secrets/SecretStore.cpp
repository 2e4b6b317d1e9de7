#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#include <QLoggingCategory>
#include <QPointer>

#include <qt6keychain/keychain.h>

#include <initializer_list>

namespace rolldeck {

// Entry names and outcomes only, never values; off unless asked for (QT_LOGGING_RULES="rolldeck.secrets.debug=true").
Q_LOGGING_CATEGORY(lcSecrets, "rolldeck.secrets", QtInfoMsg)

namespace {

// QtKeychain's libsecret backend reports an unreachable Secret Service, or a refusal, as OtherError with D-Bus's own
// words ("Could not connect: No such file or directory" when no session bus listens).
bool mentionsAny(const QString &detail, std::initializer_list<const char *> hints)
{
    for (const char *hint : hints) {
        if (detail.contains(QLatin1String(hint), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool looksLikeRefusal(const QString &detail)
{
    return mentionsAny(detail, {"AccessDenied", "IsLocked", "locked", "dismissed", "Cancelled"});
}

bool looksLikeNoService(const QString &detail)
{
    return mentionsAny(detail, {"org.freedesktop.secrets", "ServiceUnknown", "not provided by any", "Could not connect",
                                "Failed to connect", "Cannot autolaunch", "NoServer", "No such file"});
}

SecretReply::Error classify(QKeychain::Error error, const QString &detail)
{
    switch (error) {
    case QKeychain::NoError:
        return SecretReply::Error::None;
    case QKeychain::EntryNotFound:
        return SecretReply::Error::Missing;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return SecretReply::Error::AccessDenied;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return SecretReply::Error::NoService;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        if (looksLikeRefusal(detail))
            return SecretReply::Error::AccessDenied;
        return looksLikeNoService(detail) ? SecretReply::Error::NoService : SecretReply::Error::Failed;
    }
    return SecretReply::Error::Failed;
}

const char *operationName(SecretReply::Operation operation)
{
    switch (operation) {
    case SecretReply::Operation::Read:
        return "read";
    case SecretReply::Operation::Write:
        return "write";
    case SecretReply::Operation::Remove:
        return "delete";
    }
    return "?";
}

} // namespace

QString SecretReply::message() const
{
    const QString entry = service == SecretStore::defaultService() ? key : service + u'/' + key;
    QString text;
    switch (error) {
    case Error::None:
        return QString();
    case Error::Missing:
        return QCoreApplication::translate("SecretStore", "The keychain has no entry \"%1\"; set it with: rolldeck "
                                                          "credential set %2")
            .arg(entry, key);
    case Error::NoService:
        text = QCoreApplication::translate("SecretStore", "No keychain service is running (a Secret Service such as "
                                                          "gnome-keyring, or KWallet) to hold the entry \"%1\"")
                   .arg(entry);
        break;
    case Error::AccessDenied:
        text = QCoreApplication::translate("SecretStore",
                                           "The keychain refused access to the entry \"%1\" (is it locked?)")
                   .arg(entry);
        break;
    case Error::Failed:
        switch (operation) {
        case Operation::Read:
            text = QCoreApplication::translate("SecretStore", "Cannot read the keychain entry \"%1\"").arg(entry);
            break;
        case Operation::Write:
            text = QCoreApplication::translate("SecretStore", "Cannot store the keychain entry \"%1\"").arg(entry);
            break;
        case Operation::Remove:
            text = QCoreApplication::translate("SecretStore", "Cannot delete the keychain entry \"%1\"").arg(entry);
            break;
        }
        break;
    }
    return detail.isEmpty() ? text : QString(text + QStringLiteral(": ") + detail);
}

SecretStore::SecretStore(QObject *parent) : SecretStore(defaultService(), parent) {}

SecretStore::SecretStore(const QString &service, QObject *parent) : QObject(parent), m_service(service) {}

void SecretStore::read(const QString &key, QObject *context, Handler done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(key);
    run(job, SecretReply::Operation::Read, context, std::move(done));
}

void SecretStore::write(const QString &key, const QByteArray &secret, QObject *context, Handler done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(key);
    job->setBinaryData(secret);
    run(job, SecretReply::Operation::Write, context, std::move(done));
}

void SecretStore::remove(const QString &key, QObject *context, Handler done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(key);
    run(job, SecretReply::Operation::Remove, context, std::move(done));
}

void SecretStore::run(QKeychain::Job *job, SecretReply::Operation operation, QObject *context, Handler done)
{
    // Never a plain-text file when no keychain runs: the caller hears NoService instead.
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    QPointer<SecretStore> self(this);
    connect(job, &QKeychain::Job::finished, context,
            [self, context, operation, done = std::move(done), service = m_service](QKeychain::Job *finished) {
                SecretReply reply;
                reply.operation = operation;
                reply.service = service;
                reply.key = finished->key();
                reply.error = classify(finished->error(), finished->errorString());
                if (!reply.ok())
                    reply.detail = finished->errorString();
                if (reply.ok() && operation == SecretReply::Operation::Read) {
                    if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(finished))
                        reply.secret = read->binaryData();
                }
                if (reply.error == SecretReply::Error::Missing && self) {
                    self->tellLockedFromMissing(reply, context, done);
                    return;
                }
                finish(reply, done);
            });
    qCDebug(lcSecrets) << operationName(operation) << job->key() << "started";
    job->start();
}

void SecretStore::finish(const SecretReply &reply, const Handler &done)
{
    qCDebug(lcSecrets) << operationName(reply.operation) << reply.key << "error" << int(reply.error) << reply.detail;
    if (done)
        done(reply);
}

// The Secret Service answers a lookup in a locked collection that nobody can unlock (no prompt can be shown) with
// "no such item", and QtKeychain passes that on as EntryNotFound. Whether the default collection is locked tells
// the two apart; when the question cannot be asked (no Secret Service, KWallet) the entry stays missing.
void SecretStore::tellLockedFromMissing(SecretReply reply, QObject *context, Handler done)
{
    QDBusMessage get = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets/aliases/default"),
        QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"));
    get << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
    get.setAutoStartService(false);
    auto *watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(get, 5000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, watcher, &QObject::deleteLater);
    connect(watcher, &QDBusPendingCallWatcher::finished, context,
            [reply, done = std::move(done)](QDBusPendingCallWatcher *call) mutable {
                const QDBusPendingReply<QDBusVariant> locked = *call;
                if (!locked.isError() && locked.value().variant().toBool()) {
                    reply.error = SecretReply::Error::AccessDenied;
                    reply.detail = QStringLiteral("the keychain's default collection is locked");
                }
                finish(reply, done);
            });
}

} // namespace rolldeck

#pragma once

// Secrets in the OS keychain (DESIGN.md decision 6): QtKeychain entries under service "rolldeck", key NAME, the
// targets of the workspace's `credential: keychain:NAME` references.
//
// Usage:
//     SecretStore store(this);
//     store.read(QStringLiteral("argocd-production"), this, [](const SecretReply &r) {
//         if (r.ok()) useToken(r.secret);                  // kept in memory only
//         else if (r.error == SecretReply::Error::Missing) ...;
//         else showProblem(r.message());                   // names the entry, never the value
//     });
//     store.write(key, secret, this, [](const SecretReply &r) { ... });
//     store.remove(key, this, [](const SecretReply &r) { ... });
// Every call is asynchronous (the Secret Service is a D-Bus peer); the handler runs on the context's thread, and not
// at all when the context is gone by then. Keys and outcomes are logged under rolldeck.secrets; values never are.

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace QKeychain {
class Job;
}

namespace rolldeck {

// What became of one keychain call.
struct SecretReply
{
    enum class Error {
        None,
        Missing,      // no entry under this key (in an unlocked keychain)
        NoService,    // no keychain service answers (no Secret Service / KWallet on the session bus)
        AccessDenied, // the keychain refused: locked, or the user declined
        Failed        // anything else; detail says what
    };
    enum class Operation { Read, Write, Remove };

    Operation operation = Operation::Read;
    QString service;
    QString key;
    Error error = Error::None;
    QString detail;    // the backend's own words, for the log and the message's tail; never a secret
    QByteArray secret; // a successful read only

    bool ok() const { return error == Error::None; }
    // A sentence for a person: which entry, what went wrong, what to do. Translated; never contains the value.
    QString message() const;
};

class SecretStore : public QObject
{
    Q_OBJECT
public:
    static QString defaultService() { return QStringLiteral("rolldeck"); }

    explicit SecretStore(QObject *parent = nullptr);
    SecretStore(const QString &service, QObject *parent);

    QString service() const { return m_service; }

    using Handler = std::function<void(const SecretReply &reply)>;
    void read(const QString &key, QObject *context, Handler done);
    void write(const QString &key, const QByteArray &secret, QObject *context, Handler done);
    // Removing an entry that is not there succeeds (the Secret Service does not say); read first to tell.
    void remove(const QString &key, QObject *context, Handler done);

private:
    void run(QKeychain::Job *job, SecretReply::Operation operation, QObject *context, Handler done);
    void tellLockedFromMissing(SecretReply reply, QObject *context, Handler done);
    static void finish(const SecretReply &reply, const Handler &done);

    QString m_service;
};

} // namespace rolldeck

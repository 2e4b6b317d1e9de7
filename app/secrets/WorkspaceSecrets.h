#pragma once

// The secrets a workspace refers to (`credential: keychain:NAME` on its Argo CD and Prometheus endpoints): which
// references there are, whether the keychain holds them, and the resolved values, kept in memory only, for the
// clients that need them.
//
// Usage:
//     WorkspaceSecrets secrets(this);
//     connect(&secrets, &WorkspaceSecrets::checked, this, [](const QList<CredentialStatus> &all) {
//         for (const CredentialStatus &s : all) if (!s.present()) showProblem(s.problem());
//     });
//     secrets.check(workspace);                                     // in the background, each entry read once
//     std::optional<QByteArray> token = secrets.secret(env.argocd->credential);   // once checked
//     secrets.resolve(ref, this, [](const SecretReply &r) { ... });  // read now unless already in memory

#include "secrets/SecretStore.h"
#include "workspace/Workspace.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace rolldeck {

// One keychain reference in a workspace: which environment, which endpoint, which entry.
struct CredentialReference
{
    enum class Endpoint { ArgoCd, Prometheus };

    QString environment;
    Endpoint endpoint = Endpoint::ArgoCd;
    QUrl url;
    KeychainRef ref;

    // "Argo CD at https://argocd.example.com", translated.
    QString endpointText() const;
};

// Every keychain reference of the workspace, in file order (environments, then Argo CD before Prometheus).
QList<CredentialReference> credentialReferences(const Workspace &workspace);

// Whether the keychain holds what a reference names. The value itself is not part of it.
struct CredentialStatus
{
    CredentialReference reference;
    SecretReply::Error error = SecretReply::Error::None;
    QString detail; // the keychain's message when error is neither None nor Missing

    bool present() const { return error == SecretReply::Error::None; }
    // For a person, naming the environment, the endpoint and the keychain entry, with what to do. Translated;
    // empty when present.
    QString problem() const;
};

class WorkspaceSecrets : public QObject
{
    Q_OBJECT
public:
    explicit WorkspaceSecrets(QObject *parent = nullptr);
    ~WorkspaceSecrets() override;

    // Reads every entry the workspace refers to (each once, however many references share it) in the background;
    // checked() follows, also when there is nothing to check. A new check supersedes one still running. Values
    // read are remembered (in memory) for secret().
    void check(const Workspace &workspace);
    bool isChecking() const { return m_pending > 0; }
    // The outcome of the last finished check, one per reference.
    QList<CredentialStatus> statuses() const { return m_statuses; }

    // The value behind a reference, when a check or resolve() has read it.
    std::optional<QByteArray> secret(const KeychainRef &ref) const;
    // Hands over the value behind a reference: from memory when already read, else read from the keychain now.
    void resolve(const KeychainRef &ref, QObject *context, SecretStore::Handler done);
    // Drops every value held in memory.
    void forget();

signals:
    void checked(const QList<CredentialStatus> &statuses);

private:
    SecretStore *storeFor(const QString &service);
    void remember(const SecretReply &reply);
    static QString entryId(const QString &service, const QString &key) { return service + u'\n' + key; }

    QHash<QString, SecretStore *> m_stores; // by service
    QHash<QString, QByteArray> m_values;    // by entryId
    QList<CredentialStatus> m_statuses;
    QList<CredentialStatus> m_checking;
    int m_pending = 0;
    quint64 m_generation = 0;
};

} // namespace rolldeck

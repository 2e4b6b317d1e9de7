#include "ConnectionsController.h"

#include "argocd/ArgoCdClient.h"
#include "argocd/ArgoCdCredentials.h"
#include "prometheus/PrometheusClient.h"
#include "secrets/SecretStore.h"
#include "ui/MainWindow.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>

namespace rolldeck {

namespace {

struct SettingsText
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionsController)
};

ConnectionItem::Kind itemKind(Connection::Kind kind)
{
    return kind == Connection::Kind::ArgoCd ? ConnectionItem::Kind::ArgoCd : ConnectionItem::Kind::Prometheus;
}

Connection::Kind connectionKind(ConnectionItem::Kind kind)
{
    return kind == ConnectionItem::Kind::ArgoCd ? Connection::Kind::ArgoCd : Connection::Kind::Prometheus;
}

QUrl prometheusUrl(const QString &text)
{
    QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return {};
    return url.adjusted(QUrl::StripTrailingSlash);
}

} // namespace

ConnectionsController::ConnectionsController(MainWindow *window, QString workspacePath, QObject *parent)
    : QObject(parent), m_window(window), m_workspacePath(std::move(workspacePath)), m_store(new SecretStore(this))
{
}

ConnectionsController::~ConnectionsController() = default;

QString ConnectionsController::connectionsPath() const
{
    return connectionsPathFor(m_workspacePath);
}

ConnectionsDialog *ConnectionsController::show()
{
    if (!m_dialog) {
        m_dialog = new ConnectionsDialog(m_window);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_dialog, &ConnectionsDialog::addRequested, this, &ConnectionsController::add);
        connect(m_dialog, &ConnectionsDialog::testRequested, this, &ConnectionsController::test);
        connect(m_dialog, &ConnectionsDialog::removeRequested, this, &ConnectionsController::remove);
    }
    reload();
    m_dialog->setFileNote(SettingsText::tr("Kept in %1 (the workspace file is not changed). The console uses what "
                                           "changed here from its next start.")
                              .arg(connectionsPath()));
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
    return m_dialog;
}

void ConnectionsController::reload()
{
    const Result<QList<Connection>> loaded = loadConnections(connectionsPath());
    if (!loaded) {
        if (m_dialog)
            m_dialog->showProblem(loaded.error());
        return;
    }
    // Test results already shown stay with their connections.
    QList<ConnectionItem> items;
    for (const Connection &c : *loaded) {
        ConnectionItem item{itemKind(c.kind), c.name, c.url.toString(), c.credential.key, {}, {}};
        for (const ConnectionItem &old : std::as_const(m_items)) {
            if (old.kind == item.kind && old.name == item.name && old.address == item.address)
                item.state = old.state, item.result = old.result;
        }
        items << item;
    }
    m_connections = *loaded;
    m_items = items;
    refreshDialog();
}

void ConnectionsController::refreshDialog()
{
    if (m_dialog)
        m_dialog->setConnections(m_items);
}

bool ConnectionsController::save(const QList<Connection> &connections)
{
    const Result<bool> saved = saveConnections(connectionsPath(), connections);
    if (!saved) {
        if (m_dialog)
            m_dialog->showProblem(saved.error());
        return false;
    }
    reload();
    return true;
}

void ConnectionsController::add(const ConnectionDraft &draft)
{
    QByteArray secret = draft.secret;
    const auto refuse = [&](const QString &why) {
        secret.fill('\0');
        if (m_dialog)
            m_dialog->showProblem(why);
    };
    reload();
    Connection c;
    c.kind = connectionKind(draft.kind);
    c.name = draft.name.trimmed();
    c.url = c.kind == Connection::Kind::ArgoCd ? argocd::normalizeServer(draft.address) : prometheusUrl(draft.address);
    if (!c.url.isValid() || c.url.isEmpty())
        return refuse(SettingsText::tr("\"%1\" is not an address Rolldeck can use: give an http(s) URL without a "
                                       "user or password, e.g. https://argocd.example.com.")
                          .arg(draft.address));
    for (const Connection &other : std::as_const(m_connections)) {
        if (other.kind == c.kind && other.name == c.name)
            return refuse(SettingsText::tr("There is already a %1 connection named \"%2\"; remove it first or choose "
                                           "another name.")
                              .arg(ConnectionsDialog::kindText(draft.kind), c.name));
    }
    // Argo CD always refers to the server's keychain entry (`rolldeck credential argocd login` fills it too);
    // Prometheus only when a token was given.
    if (c.kind == Connection::Kind::ArgoCd || !secret.isEmpty())
        c.credential.key = keychainKeyForConnection(c.kind, c.url);
    const auto finish = [this, c](const QByteArray &token) {
        QList<Connection> next = m_connections;
        next.append(c);
        if (!save(next))
            return;
        emit connectionsChanged(); // the keychain holds the secret already
        if (m_dialog)
            m_dialog->clearForm();
        if (token.isEmpty())
            test(itemKind(c.kind), c.name); // with what the keychain holds for it, if anything
        else if (c.kind == Connection::Kind::ArgoCd)
            testArgoCd(c, token);
        else
            testPrometheus(c, token);
    };
    if (secret.isEmpty())
        return finish({});
    m_store->write(c.credential.key, secret, this, [this, finish, secret](const SecretReply &reply) mutable {
        if (!reply.ok()) {
            secret.fill('\0');
            if (m_dialog)
                m_dialog->showProblem(reply.message());
            return;
        }
        finish(secret);
        secret.fill('\0');
    });
}

void ConnectionsController::test(ConnectionItem::Kind kind, const QString &name)
{
    for (const Connection &c : std::as_const(m_connections)) {
        if (c.kind != connectionKind(kind) || c.name != name)
            continue;
        if (!c.credential.isSet()) {
            testPrometheus(c, {});
            return;
        }
        m_store->read(c.credential.key, this, [this, c](const SecretReply &reply) {
            if (reply.error == SecretReply::Error::Missing) {
                if (c.kind == Connection::Kind::ArgoCd)
                    return report(c, false, argocd::notLoggedInProblem(c.url));
                return report(c, false,
                              SettingsText::tr("The keychain has no entry \"%1\"; add the connection again with its "
                                               "token.")
                                  .arg(c.credential.key));
            }
            if (!reply.ok())
                return report(c, false, reply.message());
            c.kind == Connection::Kind::ArgoCd ? testArgoCd(c, reply.secret) : testPrometheus(c, reply.secret);
        });
        return;
    }
}

void ConnectionsController::testArgoCd(const Connection &c, const QByteArray &token)
{
    if (token.isEmpty())
        return test(ConnectionItem::Kind::ArgoCd, c.name);
    const argocd::TokenClaims claims = argocd::readTokenClaims(token);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (argocd::freshness(claims, now) == argocd::Freshness::Expired)
        return report(c, false, argocd::renewalProblem(claims, c.url, now));
    const QString renewal = argocd::renewalProblem(claims, c.url, now);
    for (ConnectionItem &i : m_items) {
        if (i.kind == ConnectionItem::Kind::ArgoCd && i.name == c.name)
            i.state = ConnectionItem::State::Testing;
    }
    refreshDialog();
    argocd::Endpoint endpoint;
    endpoint.server = c.url;
    endpoint.timeoutMs = 15000;
    if (!c.certificateAuthorityFile.isEmpty()) {
        QFile ca(c.certificateAuthorityFile);
        if (ca.open(QIODevice::ReadOnly))
            endpoint.caPem = ca.read(1 << 20);
    }
    auto *client = new argocd::Client(endpoint, this);
    client->setToken(token);
    client->userInfo(this, [this, c, client, renewal](const argocd::Reply &info) {
        if (!info.ok()) {
            client->deleteLater();
            return report(c, false, info.error->message);
        }
        const QString user = info.body.value(QLatin1String("username")).toString();
        argocd::ListQuery query;
        query.fields = {QStringLiteral("items.metadata.name")};
        client->listApplications(query, this, [this, c, client, user, renewal](const argocd::Reply &list) {
            client->deleteLater();
            if (!list.ok())
                return report(c, false, list.error->message);
            const qsizetype n = list.body.value(QLatin1String("items")).toArray().size();
            QString text = SettingsText::tr("Argo CD at %1 answered: logged in as %2; %3 applications visible.")
                               .arg(c.url.toString(QUrl::RemovePath), user)
                               .arg(n);
            if (!renewal.isEmpty())
                text += u' ' + renewal;
            report(c, true, text);
        });
    });
}

void ConnectionsController::testPrometheus(const Connection &c, const QByteArray &token)
{
    for (ConnectionItem &i : m_items) {
        if (i.kind == ConnectionItem::Kind::Prometheus && i.name == c.name)
            i.state = ConnectionItem::State::Testing;
    }
    refreshDialog();
    prom::PromEndpoint endpoint;
    endpoint.url = c.url;
    endpoint.certificateAuthorityFile = c.certificateAuthorityFile;
    if (!token.isEmpty()) {
        endpoint.auth = prom::PromEndpoint::Auth::Bearer;
        endpoint.credential = c.credential;
    }
    auto *client = new prom::PrometheusClient(endpoint, this);
    client->setSecret(token);
    client->setTimeout(std::chrono::seconds(15));
    client->buildInfo(this, [this, c, client](const prom::PromReply<prom::PromBuildInfo> &reply) {
        client->deleteLater();
        if (!reply.ok())
            return report(c, false, reply.message);
        report(c, true, SettingsText::tr("Prometheus %1 at %2 answered.").arg(reply.value->version, c.url.toString()));
    });
}

void ConnectionsController::report(const Connection &c, bool ok, const QString &text)
{
    if (text.isEmpty() && ok)
        return;
    // A result always names the server it is about.
    const QString server = c.url.toString(QUrl::RemovePath);
    const QString said = text.contains(server) ? text : SettingsText::tr("%1: %2").arg(server, text);
    const ConnectionItem::Kind kind = itemKind(c.kind);
    const ConnectionItem::State state = ok ? ConnectionItem::State::Ok : ConnectionItem::State::Failed;
    for (ConnectionItem &i : m_items) {
        if (i.kind == kind && i.name == c.name)
            i.state = state, i.result = said;
    }
    if (m_dialog)
        m_dialog->setTestResult(kind, c.name, state, said);
}

void ConnectionsController::remove(ConnectionItem::Kind kind, const QString &nameRef)
{
    const QString name = nameRef; // reload() may replace the list the reference points into
    reload();
    QList<Connection> next;
    std::optional<Connection> gone;
    for (const Connection &c : std::as_const(m_connections)) {
        if (c.kind == connectionKind(kind) && c.name == name)
            gone = c;
        else
            next << c;
    }
    if (!gone || !save(next))
        return;
    // The keychain entry goes too unless another connection still refers to it; the change is announced once the
    // keychain has answered, so that whoever follows it reads the keychain as it is now.
    bool keepEntry = !gone->credential.isSet();
    for (const Connection &c : std::as_const(next))
        keepEntry = keepEntry || c.credential == gone->credential;
    if (keepEntry) {
        emit connectionsChanged();
        return;
    }
    m_store->remove(gone->credential.key, this, [this](const SecretReply &reply) {
        if (!reply.ok() && m_dialog)
            m_dialog->showProblem(reply.message());
        emit connectionsChanged();
    });
}

} // namespace rolldeck

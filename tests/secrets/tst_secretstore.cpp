// SecretStore and WorkspaceSecrets against a real Secret Service (gnome-keyring on a private session bus).
// Secret values are compared with QVERIFY only: a failing QCOMPARE would print them.
#include "KeyringGuard.h"
#include "app/secrets/SecretStore.h"
#include "app/secrets/WorkspaceSecrets.h"
#include "app/workspace/Workspace.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <optional>

using namespace rolldeck;

namespace {

// Starts a call and waits (in the event loop) for its reply.
template <typename Start>
std::optional<SecretReply> await(QObject *context, Start start)
{
    std::optional<SecretReply> reply;
    start(context, [&reply](const SecretReply &r) { reply = r; });
    // A reply that never comes stays nullopt: the callers' QVERIFY(reply) fails.
    if (!QTest::qWaitFor([&reply] { return reply.has_value(); }, 20000))
        return std::nullopt;
    return reply;
}

std::optional<SecretReply> readEntry(SecretStore &store, const QString &key, QObject *context)
{
    return await(context, [&](QObject *c, SecretStore::Handler h) { store.read(key, c, std::move(h)); });
}

std::optional<SecretReply> writeEntry(SecretStore &store, const QString &key, const QByteArray &secret,
                                      QObject *context)
{
    return await(context, [&](QObject *c, SecretStore::Handler h) { store.write(key, secret, c, std::move(h)); });
}

std::optional<SecretReply> removeEntry(SecretStore &store, const QString &key, QObject *context)
{
    return await(context, [&](QObject *c, SecretStore::Handler h) { store.remove(key, c, std::move(h)); });
}

const char *errorName(SecretReply::Error e)
{
    switch (e) {
    case SecretReply::Error::None:
        return "None";
    case SecretReply::Error::Missing:
        return "Missing";
    case SecretReply::Error::NoService:
        return "NoService";
    case SecretReply::Error::AccessDenied:
        return "AccessDenied";
    case SecretReply::Error::Failed:
        return "Failed";
    }
    return "?";
}

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        ROLLDECK_REQUIRE_PRIVATE_KEYRING();
        QStandardPaths::setTestModeEnabled(true);
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QByteArray>("secret");
        QTest::newRow("token") << QStringLiteral("argocd-production") << QByteArray("eyJhbGciOiJIUzI1NiJ9.e30.x");
        QTest::newRow("spaces and line breaks")
            << QStringLiteral("prometheus/staging") << QByteArray("two words\nand a second line\n");
        QTest::newRow("binary with NUL") << QStringLiteral("bin@x") << QByteArray("\x00\x01\xff\xfe zero", 9);
        QTest::newRow("UTF-8") << QStringLiteral("unicode.key") << QStringLiteral("pässwörd-✓").toUtf8();
        QTest::newRow("8 KiB") << QStringLiteral("long_key") << QByteArray(8192, 'k');
    }

    void roundTrip()
    {
        QFETCH(QString, key);
        QFETCH(QByteArray, secret);
        SecretStore store(this);
        QCOMPARE(store.service(), QStringLiteral("rolldeck"));

        const auto written = writeEntry(store, key, secret, this);
        QVERIFY(written);
        QVERIFY2(written->ok(), qPrintable(written->message()));
        QCOMPARE(written->key, key);
        QVERIFY(written->secret.isEmpty());

        const auto read = readEntry(store, key, this);
        QVERIFY(read);
        QVERIFY2(read->ok(), qPrintable(read->message()));
        QVERIFY2(read->secret == secret, "the value read back differs from the one written");
        QVERIFY(read->message().isEmpty());

        const auto removed = removeEntry(store, key, this);
        QVERIFY(removed);
        QVERIFY2(removed->ok(), qPrintable(removed->message()));

        const auto gone = readEntry(store, key, this);
        QVERIFY(gone);
        QCOMPARE(errorName(gone->error), errorName(SecretReply::Error::Missing));
        QVERIFY(gone->secret.isEmpty());
    }

    void overwriteKeepsTheLatest()
    {
        SecretStore store(this);
        const QString key = QStringLiteral("rotated");
        QVERIFY(writeEntry(store, key, "first", this)->ok());
        QVERIFY(writeEntry(store, key, "second", this)->ok());
        const auto read = readEntry(store, key, this);
        QVERIFY(read && read->ok());
        QVERIFY2(read->secret == "second", "an overwritten entry must read back as the latest value");
        QVERIFY(removeEntry(store, key, this)->ok());
    }

    void missingEntry()
    {
        SecretStore store(this);
        const auto read = readEntry(store, QStringLiteral("never-set"), this);
        QVERIFY(read);
        QCOMPARE(errorName(read->error), errorName(SecretReply::Error::Missing));
        QVERIFY(!read->ok());
        // The message names the entry and what to do about it.
        QVERIFY2(read->message().contains(QLatin1String("\"never-set\"")), qPrintable(read->message()));
        QVERIFY2(read->message().contains(QLatin1String("rolldeck credential set never-set")),
                 qPrintable(read->message()));
    }

    void deletingAMissingEntry()
    {
        // Nothing to remove is no failure (the CLI reads first to tell the user); the entry stays absent.
        SecretStore store(this);
        const auto removed = removeEntry(store, QStringLiteral("not-there"), this);
        QVERIFY(removed);
        QVERIFY2(removed->ok(), qPrintable(removed->message()));
        const auto read = readEntry(store, QStringLiteral("not-there"), this);
        QVERIFY(read);
        QCOMPARE(errorName(read->error), errorName(SecretReply::Error::Missing));
    }

    void servicesAreSeparate()
    {
        SecretStore rolldeck(this);
        SecretStore other(QStringLiteral("rolldeck-test-other"), this);
        const QString key = QStringLiteral("shared-name");
        QVERIFY(writeEntry(rolldeck, key, "for rolldeck", this)->ok());
        const auto elsewhere = readEntry(other, key, this);
        QVERIFY(elsewhere);
        QCOMPARE(errorName(elsewhere->error), errorName(SecretReply::Error::Missing));
        QVERIFY(elsewhere->message().contains(QLatin1String("rolldeck-test-other/shared-name")));
        QVERIFY(removeEntry(rolldeck, key, this)->ok());
    }

    void noHandlerAfterTheContextIsGone()
    {
        SecretStore store(this);
        QVERIFY(writeEntry(store, QStringLiteral("ctx"), "v", this)->ok());
        bool called = false;
        auto *context = new QObject;
        store.read(QStringLiteral("ctx"), context, [&called](const SecretReply &) { called = true; });
        delete context;
        // A later call on a living context finishes after the first one (the jobs run in order).
        const auto after = readEntry(store, QStringLiteral("ctx"), this);
        QVERIFY(after && after->ok());
        QVERIFY(!called);
        QVERIFY(removeEntry(store, QStringLiteral("ctx"), this)->ok());
    }

    void workspaceReferencesAreChecked()
    {
        const WorkspaceParse parsed = parseWorkspace("version: 1\n"
                                                     "environments:\n"
                                                     "  production:\n"
                                                     "    clusters: [{context: prod}]\n"
                                                     "    argocd:\n"
                                                     "      server: https://argocd.prod.example\n"
                                                     "      applications: [shop]\n"
                                                     "      credential: keychain:argo-shared\n"
                                                     "    prometheus:\n"
                                                     "      url: https://prom.prod.example\n"
                                                     "      credential: keychain:prom-prod\n"
                                                     "  staging:\n"
                                                     "    clusters: [{context: staging}]\n"
                                                     "    argocd:\n"
                                                     "      server: https://argocd.staging.example\n"
                                                     "      applications: [shop]\n"
                                                     "      credential: keychain:argo-shared\n"
                                                     "    prometheus:\n"
                                                     "      url: https://prom.staging.example\n",
                                                     QStringLiteral("ws.yaml"), QStringLiteral("/tmp"));
        QVERIFY2(parsed.errors.isEmpty(), qPrintable(parsed.errors.value(0).toString()));
        const QList<CredentialReference> refs = credentialReferences(parsed.workspace);
        QCOMPARE(refs.size(), 3); // staging's Prometheus has none
        QCOMPARE(refs.at(1).endpoint, CredentialReference::Endpoint::Prometheus);
        QCOMPARE(refs.at(1).ref.key, QStringLiteral("prom-prod"));

        SecretStore store(this);
        const QByteArray token = "argo-token-value";
        QVERIFY(writeEntry(store, QStringLiteral("argo-shared"), token, this)->ok());

        WorkspaceSecrets secrets;
        QSignalSpy checked(&secrets, &WorkspaceSecrets::checked);
        secrets.check(parsed.workspace);
        QVERIFY(secrets.isChecking());
        QVERIFY(checked.wait(20000));
        QCOMPARE(checked.size(), 1);
        QVERIFY(!secrets.isChecking());
        const QList<CredentialStatus> statuses = secrets.statuses();
        QCOMPARE(statuses.size(), 3);
        QCOMPARE(statuses.at(0).reference.environment, QStringLiteral("production"));
        QVERIFY(statuses.at(0).present());
        QVERIFY(statuses.at(0).problem().isEmpty());
        QCOMPARE(errorName(statuses.at(1).error), errorName(SecretReply::Error::Missing));
        QCOMPARE(statuses.at(2).reference.environment, QStringLiteral("staging"));
        QVERIFY(statuses.at(2).present());

        const QString problem = statuses.at(1).problem();
        for (const char *part : {"production", "Prometheus at https://prom.prod.example", "\"prom-prod\"",
                                 "rolldeck credential set prom-prod"})
            QVERIFY2(problem.contains(QLatin1String(part)), qPrintable(problem));

        // The value read is kept in memory for the clients; the missing one is not there.
        const std::optional<QByteArray> held = secrets.secret(refs.at(0).ref);
        QVERIFY(held.has_value());
        QVERIFY2(*held == token, "the resolved secret differs from the stored one");
        QVERIFY(!secrets.secret(refs.at(1).ref).has_value());

        // forget() drops it; resolve() reads it again from the keychain.
        secrets.forget();
        QVERIFY(!secrets.secret(refs.at(0).ref).has_value());
        std::optional<SecretReply> resolved;
        secrets.resolve(refs.at(0).ref, this, [&resolved](const SecretReply &r) { resolved = r; });
        QTRY_VERIFY_WITH_TIMEOUT(resolved.has_value(), 20000);
        QVERIFY(resolved->ok());
        QVERIFY2(resolved->secret == token, "resolve() handed over a different value");
        QVERIFY(secrets.secret(refs.at(0).ref).has_value());

        // Once the missing entry is set, a new check finds everything.
        QVERIFY(writeEntry(store, QStringLiteral("prom-prod"), "prom-token", this)->ok());
        secrets.check(parsed.workspace);
        QVERIFY(checked.wait(20000));
        for (const CredentialStatus &s : secrets.statuses())
            QVERIFY2(s.present(), qPrintable(s.problem()));
        QVERIFY(removeEntry(store, QStringLiteral("argo-shared"), this)->ok());
        QVERIFY(removeEntry(store, QStringLiteral("prom-prod"), this)->ok());
    }

    void nothingToCheck()
    {
        WorkspaceSecrets secrets;
        QSignalSpy checked(&secrets, &WorkspaceSecrets::checked);
        secrets.check(Workspace{});
        QVERIFY(checked.wait(5000));
        QVERIFY(secrets.statuses().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"

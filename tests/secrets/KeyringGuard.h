#pragma once

// These tests write to a Secret Service. They must only ever reach the private one with-private-keyring.sh starts
// (CTest runs them through it); run directly, they stop before touching any keychain.

#include <QByteArray>
#include <QDir>
#include <QString>
#include <QTest>

namespace rolldeck::testsupport {

inline bool inPrivateKeyring(QString *why)
{
    const QString root = qEnvironmentVariable("ROLLDECK_TEST_PRIVATE_KEYRING");
    if (root.isEmpty()) {
        *why = QStringLiteral("run through ctest (tests/secrets/with-private-keyring.sh): it needs its own keyring");
        return false;
    }
    if (!QDir::home().absolutePath().startsWith(root) || qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").isEmpty()) {
        *why = QStringLiteral("HOME or the session bus is not the private one");
        return false;
    }
    return true;
}

} // namespace rolldeck::testsupport

#define ROLLDECK_REQUIRE_PRIVATE_KEYRING()                                                                             \
    do {                                                                                                               \
        QString why_;                                                                                                  \
        QVERIFY2(rolldeck::testsupport::inPrivateKeyring(&why_), qPrintable(why_));                                    \
    } while (false)

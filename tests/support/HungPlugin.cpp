#include "HungPlugin.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QThread>

namespace rolldeck::testsupport {

bool HungPlugin::write() const
{
    QFile file(script);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QStringLiteral("#!/bin/sh\nsleep 300 &\necho \"$$ $!\" > '%1'\nwait\n").arg(pids).toUtf8());
    file.close();
    return file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

bool HungPlugin::writeKubeconfig(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QStringLiteral("clusters:\n- {name: c, cluster: {server: \"http://127.0.0.1:9\"}}\n"
                              "users:\n- name: u\n  user:\n    exec:\n      apiVersion: "
                              "client.authentication.k8s.io/v1\n      command: %1\n      interactiveMode: Never\n"
                              "contexts:\n- {name: c, context: {cluster: c, user: u}}\ncurrent-context: c\n")
                   .arg(script)
                   .toUtf8());
    return true;
}

QList<qint64> HungPlugin::runningPids() const
{
    QFile file(pids);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray text = file.readAll();
    if (!text.endsWith('\n'))
        return {};
    QList<qint64> result;
    for (const QByteArray &pid : text.trimmed().split(' '))
        result << pid.toLongLong();
    return result.size() == 2 && !result.contains(0) ? result : QList<qint64>{};
}

bool processAlive(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const qsizetype paren = text.lastIndexOf(')');
    return paren > 0 && text.size() > paren + 2 && text.at(paren + 2) != 'Z';
}

bool waitWithoutEvents(const std::function<bool()> &done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return done();
        QThread::msleep(10);
    }
    return true;
}

} // namespace rolldeck::testsupport

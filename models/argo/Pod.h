#pragma once

#include "KubeObject.h"

#include <QList>
#include <QString>

#include <optional>

namespace rolldeck {

struct ContainerStatus
{
    QString name;
    bool ready = false;
    int restartCount = 0;
    std::optional<bool> started;
    bool waiting = false;
    QString waitingReason;
    bool running = false;
    bool terminated = false;
    QString terminatedReason;
    int exitCode = 0;
    int signal = 0;
};

struct Pod
{
    struct InitContainer
    {
        QString name;
        bool restartAlways = false; // a sidecar (restartPolicy: Always)
    };

    ObjectMeta meta;
    QStringList containerNames;
    QList<InitContainer> initContainers;
    QString phase;
    QString reason;
    QList<ContainerStatus> initContainerStatuses;
    QList<ContainerStatus> containerStatuses;

    static Pod fromJson(const QJsonObject &json, const SourceLocation &source = {}, Diagnostics *problems = nullptr);
};

} // namespace rolldeck

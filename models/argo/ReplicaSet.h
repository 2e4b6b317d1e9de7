#pragma once

#include "KubeObject.h"
#include "Rollout.h"

#include <QList>
#include <QString>

#include <optional>

namespace rolldeck {

struct ReplicaSet
{
    ObjectMeta meta;

    std::optional<int> specReplicas;
    QList<Container> containers;
    QList<Container> initContainers;
    qint64 observedGeneration = 0;
    int replicas = 0;
    int availableReplicas = 0;
    int readyReplicas = 0;
    bool replicaFailure = false; // condition ReplicaFailure is True

    // label rollouts-pod-template-hash
    QString podTemplateHash() const;

    static ReplicaSet fromJson(const QJsonObject &json, const SourceLocation &source = {},
                               Diagnostics *problems = nullptr);
};

// apps/v1 Deployment, kept minimally: a workloadRef target's containers.
struct Deployment
{
    ObjectMeta meta;
    std::optional<int> specReplicas;
    QList<Container> containers;
    QList<Container> initContainers;

    static Deployment fromJson(const QJsonObject &json, const SourceLocation &source = {},
                               Diagnostics *problems = nullptr);
};

// batch/v1 Job, kept minimally (analysis job providers create them).
struct Job
{
    ObjectMeta meta;
    int active = 0;
    int succeeded = 0;
    int failed = 0;

    static Job fromJson(const QJsonObject &json, const SourceLocation &source = {}, Diagnostics *problems = nullptr);
};

} // namespace rolldeck

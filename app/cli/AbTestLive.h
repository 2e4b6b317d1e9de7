#pragma once

#include "models/domain/Result.h"
#include "models/stats/Experiment.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

namespace rolldeck {

// `rolldeck abtest report --live NAMESPACE/EXPERIMENT`: finds the experiment's VirtualService in the cluster (the
// one annotated rolldeck.io/ab-test: EXPERIMENT, or so annotated and named EXPERIMENT) and reads it from the
// Prometheus of its environment, as the Experiments view does (app/abtest). One read, then `done`.
class AbTestLive : public QObject
{
    Q_OBJECT
public:
    struct Target
    {
        QString kubeconfig; // empty: $KUBECONFIG or ~/.kube/config
        QString context;    // empty: the current context
        QString workspace;  // empty: the default workspace file when it exists
        QUrl prometheus;    // set: this Prometheus, without credentials, instead of the environment's
        QString ns, experiment;
        int timeoutSeconds = 30;
    };
    // The snapshot, or why there is none (exit status 2 for what the user gave wrong, 1 for what could not be read).
    struct Outcome
    {
        std::optional<stats::ExperimentSnapshot> snapshot;
        QString error;
        int exitCode = 0;
    };
    using Done = std::function<void(const Outcome &)>;

    explicit AbTestLive(QObject *parent = nullptr);
    ~AbTestLive() override;

    // Starts; `done` follows through the event loop, exactly once.
    void start(const Target &target, Done done);

private:
    struct State;
    void finish(Outcome outcome);
    void onListed(const QList<QJsonObject> &items);

    std::unique_ptr<State> m_state;
};

} // namespace rolldeck

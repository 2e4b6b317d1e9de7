#include "AbTestLive.h"

#include "abtest/ExperimentReader.h"
#include "abtest/ExperimentSpec.h"
#include "kube/ClusterConnection.h"
#include "kube/Kubeconfig.h"
#include "kube/KubeconfigCredentials.h"
#include "prometheus/PrometheusClient.h"
#include "secrets/WorkspaceSecrets.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceScope.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonObject>
#include <QTimer>

namespace rolldeck {

namespace {

struct LiveText
{
    Q_DECLARE_TR_FUNCTIONS(AbTestCommand)
};

enum : int { kUnavailable = 1, kBadInput = 2 };

} // namespace

struct AbTestLive::State
{
    Target target;
    Done done;
    bool finished = false;
    Workspace workspace;
    std::optional<prom::PromEndpoint> endpoint;
    std::shared_ptr<kube::KubeconfigCredentials> credentials;
    std::unique_ptr<kube::ClusterConnection> connection;
    std::unique_ptr<WorkspaceSecrets> secrets;
    std::unique_ptr<prom::PrometheusClient> client;
    std::unique_ptr<abtest::ExperimentReader> reader;
    QTimer deadline;
};

AbTestLive::AbTestLive(QObject *parent) : QObject(parent), m_state(std::make_unique<State>()) {}

AbTestLive::~AbTestLive() = default;

void AbTestLive::finish(Outcome outcome)
{
    if (m_state->finished)
        return;
    m_state->finished = true;
    m_state->deadline.stop();
    // Through the event loop, so that `done` never runs inside start().
    QTimer::singleShot(0, this, [this, outcome] { m_state->done(outcome); });
}

void AbTestLive::start(const Target &target, Done done)
{
    State &s = *m_state;
    s.target = target;
    s.done = std::move(done);
    const kube::Kubeconfig kubeconfig = kube::loadKubeconfig(target.kubeconfig);
    const QString contextName = target.context.isEmpty() ? kubeconfig.currentContext : target.context;
    const kube::ClusterConfig *config = kubeconfig.context(contextName);
    if (!config) {
        QStringList problems;
        for (const kube::KubeconfigProblem &p : kubeconfig.problems)
            problems << p.toString();
        finish({{},
                LiveText::tr("context \"%1\" is not in the kubeconfig (or is unusable)%2")
                    .arg(contextName, problems.isEmpty() ? QString() : u": " + problems.join(QStringLiteral("; "))),
                kBadInput});
        return;
    }
    // The Prometheus: the one named, else the workspace environment's that covers the namespace.
    if (target.prometheus.isValid() && !target.prometheus.isEmpty()) {
        prom::PromEndpoint e;
        e.url = target.prometheus;
        s.endpoint = e;
    } else {
        const bool hasWorkspace = !target.workspace.isEmpty() || QFileInfo::exists(defaultWorkspacePath());
        const Result<Workspace> workspace = workspaceFor(target.workspace, kubeconfig);
        if (!workspace) {
            finish({{}, workspace.error(), kBadInput});
            return;
        }
        s.workspace = *workspace;
        const WorkspaceScope scope(*workspace, kubeconfig);
        const QString environment = hasWorkspace ? scope.environmentFor(contextName, target.ns) : QString();
        s.endpoint = environment.isEmpty() ? std::nullopt : prom::endpointFor(*workspace, environment);
        if (!s.endpoint) {
            finish({{},
                    LiveText::tr("no Prometheus for %1/%2: give --prometheus URL, or a workspace whose environment "
                                 "covering that namespace names one")
                        .arg(contextName, target.ns),
                    kBadInput});
            return;
        }
    }
    auto credentials = kube::KubeconfigCredentials::create(*config);
    if (!credentials) {
        finish({{}, credentials.error(), kBadInput});
        return;
    }
    kube::ConnectionOptions options = kube::ConnectionOptions::headless();
    options.client.requestTimeoutMs = target.timeoutSeconds * 1000;
    s.credentials = *credentials;
    s.connection = std::make_unique<kube::ClusterConnection>(*config, s.credentials, options);
    s.deadline.setSingleShot(true);
    connect(&s.deadline, &QTimer::timeout, this, [this] {
        finish({{}, LiveText::tr("no answer within %1 s").arg(m_state->target.timeoutSeconds), kUnavailable});
    });
    s.deadline.start(target.timeoutSeconds * 1000);
    s.connection->list(kube::ResourceKind::virtualServices(), target.ns, this, [this](const kube::ListResult &r) {
        if (!r.ok()) {
            finish(
                {{},
                 LiveText::tr("cannot list the VirtualServices of %1: %2").arg(m_state->target.ns, r.error->toString()),
                 kUnavailable});
            return;
        }
        onListed(r.items);
    });
}

void AbTestLive::onListed(const QList<QJsonObject> &items)
{
    State &s = *m_state;
    const QJsonObject *chosen = nullptr;
    for (const QJsonObject &vs : items) {
        if (!abtest::isAbTestVirtualService(vs))
            continue;
        const QJsonObject meta = vs.value(QLatin1String("metadata")).toObject();
        const QString label = meta.value(QLatin1String("annotations"))
                                  .toObject()
                                  .value(QLatin1String(abtest::kAbTestAnnotation))
                                  .toString();
        if (label == s.target.experiment)
            chosen = &vs;
        else if (!chosen && meta.value(QLatin1String("name")).toString() == s.target.experiment)
            chosen = &vs;
    }
    if (!chosen) {
        finish({{},
                LiveText::tr("no VirtualService in %1 is annotated %2: %3")
                    .arg(s.target.ns, QLatin1String(abtest::kAbTestAnnotation), s.target.experiment),
                kBadInput});
        return;
    }
    const Result<abtest::ExperimentSpec> spec =
        abtest::experimentFromVirtualService(*chosen, s.connection->contextName());
    if (!spec) {
        finish({{}, spec.error(), kBadInput});
        return;
    }
    s.client = std::make_unique<prom::PrometheusClient>(*s.endpoint);
    if (s.endpoint->credential.isSet()) {
        s.secrets = std::make_unique<WorkspaceSecrets>();
        s.client->setSecrets(s.secrets.get());
    }
    s.client->setTimeout(std::chrono::seconds(s.target.timeoutSeconds));
    s.reader = std::make_unique<abtest::ExperimentReader>();
    s.reader->read(*spec, s.client.get(), [this](const stats::ExperimentSnapshot &snapshot) {
        if (!snapshot.error.isEmpty())
            finish({{}, snapshot.error, kUnavailable});
        else
            finish({snapshot, {}, 0});
    });
}

} // namespace rolldeck

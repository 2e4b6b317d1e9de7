#pragma once

// The kube client's CredentialSource (CredentialSource.h) for a kubeconfig context: tokens, token files, basic
// auth, client certificates and exec plugins through CredentialProvider, TLS through sslConfigurationFor().
//
// Usage (composition root, on the GUI thread):
//     auto source = kube::KubeconfigCredentials::create(clusterConfig);
//     if (!source) { showBroken(clusterConfig.contextName, source.error()); return; }
//     auto *connection = new kube::ClusterConnection(clusterConfig, *source, {}, this);
// fetch() may be called from any thread; the exec plugin runs on the thread that called create() (it needs a
// running event loop there, never blocked by the plugin: QProcess is asynchronous). A refresh (after a 401)
// re-reads the token file or re-runs the plugin once however many requests failed with the same credentials.

#include "kube/ClusterConfig.h"
#include "kube/CredentialSource.h"

#include "Result.h"

#include <QPointer>

#include <chrono>
#include <memory>

namespace rolldeck::kube {

class CredentialBridge;

class KubeconfigCredentials : public CredentialSource
{
public:
    static Result<std::shared_ptr<KubeconfigCredentials>> create(const ClusterConfig &config);
    ~KubeconfigCredentials() override;

    void fetch(bool refresh, QObject *context, std::function<void(Result<AuthMaterial>)> done) override;

    // How long an exec plugin may run (default 60 s). Call before the first fetch().
    void setPluginTimeout(std::chrono::milliseconds timeout);

private:
    KubeconfigCredentials() = default;
    QPointer<CredentialBridge> m_bridge; // lives in the creating thread
};

} // namespace rolldeck::kube

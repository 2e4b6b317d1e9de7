#include "kube/CredentialSource.h"

#include <QMetaObject>
#include <QThread>

namespace rolldeck::kube {

StaticCredentials::StaticCredentials(AuthMaterial material) : m_material(std::move(material)) {}

std::shared_ptr<StaticCredentials> StaticCredentials::bearer(const QByteArray &token, const QSslConfiguration &ssl)
{
    AuthMaterial m;
    if (!token.isEmpty())
        m.authorization = QByteArrayLiteral("Bearer ") + token;
    m.ssl = ssl;
    return std::make_shared<StaticCredentials>(m);
}

void StaticCredentials::setMaterial(const AuthMaterial &material)
{
    QMutexLocker lock(&m_mutex);
    m_material = material;
    ++m_generation;
}

void StaticCredentials::fetch(std::optional<quint64>, QObject *context, std::function<void(Result<AuthMaterial>)> done)
{
    AuthMaterial m;
    {
        QMutexLocker lock(&m_mutex);
        m = m_material;
        m.generation = m_generation;
    }
    runIn(context, [done = std::move(done), m] { done(m); });
}

void runIn(QObject *context, std::function<void()> fn)
{
    if (!context)
        return;
    if (context->thread() == QThread::currentThread()) {
        fn();
        return;
    }
    QMetaObject::invokeMethod(context, std::move(fn), Qt::QueuedConnection);
}

} // namespace rolldeck::kube

#pragma once

#include "app/kube/CredentialSource.h"

#include <QAtomicInt>
#include <QByteArrayList>
#include <QMutex>

namespace rolldeck::kube::test {

// Hands out tokens in order: the first on every plain fetch, the next one on each refresh (like a token file that
// was rotated, or an exec plugin re-run after a 401).
class RotatingCredentials : public CredentialSource
{
public:
    explicit RotatingCredentials(QByteArrayList tokens) : m_tokens(std::move(tokens)) {}

    void fetch(std::optional<quint64> rejected, QObject *context,
               std::function<void(Result<AuthMaterial>)> done) override
    {
        AuthMaterial m;
        {
            QMutexLocker lock(&m_mutex);
            ++m_fetches;
            // Only a rejection of the current token moves on (generation = index + 1).
            if (rejected && *rejected == quint64(m_index + 1)) {
                ++m_refreshes;
                if (m_index + 1 < m_tokens.size())
                    ++m_index;
            }
            m.authorization = QByteArrayLiteral("Bearer ") + m_tokens.value(m_index);
            m.generation = quint64(m_index + 1);
        }
        runIn(context, [done = std::move(done), m] { done(m); });
    }

    int refreshes() const
    {
        QMutexLocker lock(&m_mutex);
        return m_refreshes;
    }

private:
    mutable QMutex m_mutex;
    QByteArrayList m_tokens;
    qsizetype m_index = 0;
    int m_fetches = 0;
    int m_refreshes = 0;
};

} // namespace rolldeck::kube::test

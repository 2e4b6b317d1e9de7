// libFuzzer target: what Rolldeck reads about credentials from outside (docs/fuzzing.md): a token's JWT claims
// (app/argocd/ArgoCdCredentials readTokenClaims), the argocd CLI's config file (parseCliConfig) and the connections
// file (app/workspace/Connections parseConnections, whose rendering must parse back to the same list). The first
// byte picks the parser.
#include "app/argocd/ArgoCdCredentials.h"
#include "app/workspace/Connections.h"

#include <QByteArray>
#include <QDateTime>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace rolldeck;
    if (size == 0)
        return 0;
    const QByteArray body(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    switch (data[0] % 3) {
    case 0: {
        const argocd::TokenClaims claims = argocd::readTokenClaims(body);
        (void)argocd::freshness(claims, QDateTime::currentDateTimeUtc());
        if (claims.expires && !claims.expires->isValid())
            std::abort();
        break;
    }
    case 1: {
        const argocd::CliConfig config = argocd::parseCliConfig(body);
        (void)argocd::cliDefaultServer(config, QProcessEnvironment());
        break;
    }
    default: {
        const Result<QList<Connection>> parsed = parseConnections(body, QStringLiteral("fuzz.yaml"));
        if (parsed) {
            const Result<QList<Connection>> again =
                parseConnections(renderConnections(*parsed), QStringLiteral("fuzz.yaml"));
            if (!again || *again != *parsed)
                std::abort();
        }
        break;
    }
    }
    return 0;
}

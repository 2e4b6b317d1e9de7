#include "kube/KubeLogging.h"

namespace rolldeck::kube {
Q_LOGGING_CATEGORY(lcKube, "rolldeck.kube")
}

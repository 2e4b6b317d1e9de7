#pragma once

#include <QLoggingCategory>

namespace rolldeck::kube {
Q_DECLARE_LOGGING_CATEGORY(lcKube)
}

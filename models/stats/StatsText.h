#pragma once

#include <QCoreApplication>

namespace rolldeck::stats {

// The translation context of every word models/stats shows a person (method names, "not enough data" reasons).
struct StatsText
{
    Q_DECLARE_TR_FUNCTIONS(StatsText)
};

} // namespace rolldeck::stats

#pragma once

#include "stats/AbReport.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace rolldeck::stats {

// One A/B test as the console sees it: the route that splits its traffic (an Istio VirtualService no Rollout
// manages), what was read for it and its report. The live source fills it; the Experiments view shows it.

struct ExperimentVariantRoute
{
    QString name; // the variant, as the ab_test_* series label it ("control")
    QString host; // the VirtualService destination
    double weight = 0;
    QString subset; // the destination's subset, when the split is by DestinationRule subsets (else empty)
};

struct ExperimentRoute
{
    QString context;         // the cluster it was read from
    QString ns;              // the VirtualService's namespace
    QString virtualService;  // its name
    QString resourceVersion; // what the person saw: the split editor's precondition
    int httpRoute = 0;       // the index of the http route that carries the split
    QList<ExperimentVariantRoute> variants;
};

struct ExperimentSnapshot
{
    QString ns, name; // the experiment (labels namespace and experiment of the ab_test_* series)
    ExperimentRoute route;
    AbTestInput input;
    AbReport report;
    QDateTime readAt; // when the inputs were read
    QString error;    // why they could not be read (empty: they were)
};

} // namespace rolldeck::stats

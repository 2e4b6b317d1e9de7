#pragma once

#include "models/domain/Result.h"
#include "models/stats/Experiment.h"

#include <QJsonObject>
#include <QString>

namespace rolldeck::abtest {

// An A/B test as its VirtualService declares it (docs/statistics.md, "Live A/B tests"): a networking.istio.io
// VirtualService that no Rollout manages, annotated
//
//   rolldeck.io/ab-test: checkout-redesign             the experiment label of its ab_test_* series (required)
//   rolldeck.io/ab-variants: control=checkout-control,treatment=checkout-treatment
//                                                      variant label = destination host or subset, baseline first
//                                                      (default: the route's destinations, named by subset or host)
//   rolldeck.io/ab-route: ab-split                     the http route that carries the split (default: the first)
//   rolldeck.io/ab-alpha: "0.05"                       significance level (default 0.05)
//   rolldeck.io/ab-power: "0.8"                        target power (default 0.8)
//   rolldeck.io/ab-minimum-effect-conversion: "0.005"  absolute, or "0.5%" (default 0.005)
//   rolldeck.io/ab-minimum-effect-response-time: 10ms  ms or s; a bare number is seconds (default 10 ms)
//   rolldeck.io/ab-minimum-effect-time-on-page: 5s     ms or s; a bare number is seconds (default 5 s)
inline constexpr char kAbTestAnnotation[] = "rolldeck.io/ab-test";

struct ExperimentSpec
{
    QString ns, name; // the experiment: the namespace and experiment labels of its series
    stats::ExperimentRoute route;
    double alpha = 0.05;
    double power = 0.8;
    double minimumConversionEffect = 0.005; // absolute share
    double minimumResponseEffectMs = 10;
    double minimumTimeOnPageEffectS = 5;
};

// Whether the object carries the rolldeck.io/ab-test annotation.
bool isAbTestVirtualService(const QJsonObject &virtualService);

// The experiment a VirtualService declares, read from `context`; a failure names the VirtualService and the
// annotation or route that is wrong.
Result<ExperimentSpec> experimentFromVirtualService(const QJsonObject &virtualService, const QString &context);

} // namespace rolldeck::abtest

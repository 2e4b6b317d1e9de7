#pragma once

#include <QIdentityProxyModel>

namespace rolldeck {

struct Staleness;

// The widget-side look of the rollout list, on top of the QtCore-only models: the status icon and colour,
// greyed rows and an explanatory tooltip for stale clusters, bold names for rows that need attention.
class RolloutPresentationModel : public QIdentityProxyModel
{
    Q_OBJECT
public:
    explicit RolloutPresentationModel(QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // "Cluster prod-eu: stale since 10:42:13 (connection refused)" (local time).
    static QString staleText(const QString &cluster, const Staleness &staleness);
};

} // namespace rolldeck

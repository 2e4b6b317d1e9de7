#pragma once

#include "stats/Experiment.h"

#include <QAbstractListModel>
#include <QList>

namespace rolldeck {

// The Experiments view's rows: one A/B test each (an ExperimentSnapshot from the live source), ordered by context,
// namespace and name. setSnapshots() applies a new read incrementally: rows matched by key, new ones inserted and
// gone ones removed in ranges, a kept row's dataChanged limited to the roles whose value moved (never a reset).
// The whole snapshot (every metric's tests) is snapshotAt(row); RevisionRole moves whenever it did.
class ExperimentListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        KeyRole = Qt::UserRole + 1, // "context/namespace/name"
        ContextRole,
        NamespaceRole,
        NameRole,
        VirtualServiceRole,   // "namespace/name" of the route, empty when none was found
        VerdictRole,          // the report's verdict in words, or the read error
        OutcomeRole,          // int(stats::AbOutcome); -1 when the inputs could not be read
        ProgressRole,         // share of the planned sample reached by the first metric (NaN: no plan)
        SecondsLeftRole,      // at the current rate (NaN: unknown)
        SampleRatioPRole,     // the sample-ratio check's p-value (NaN: not enough data)
        MismatchRole,         // bool: p < 0.001, every result untrustworthy
        ConfiguredShareBRole, // B's configured share of the traffic, 0–1
        ObservedShareBRole,   // B's share of the visits, 0–1 (NaN: no visits)
        VisitsRole,           // visits of both variants together
        ErrorRole,            // why the inputs could not be read ("" when they were)
        ReadAtRole,           // QDateTime
        RevisionRole,         // int, moves with every change of the row's snapshot
    };
    Q_ENUM(Role)

    explicit ExperimentListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setSnapshots(const QList<stats::ExperimentSnapshot> &snapshots);
    void clear() { setSnapshots({}); }

    const stats::ExperimentSnapshot &snapshotAt(int row) const { return m_rows.at(row).snapshot; }
    int rowOf(const QString &key) const;

    static QString keyOf(const stats::ExperimentSnapshot &snapshot);

private:
    struct Row
    {
        QString key;
        stats::ExperimentSnapshot snapshot;
        int revision = 0;
    };
    QVariant roleValue(const Row &row, int role) const;

    QList<Row> m_rows;
};

} // namespace rolldeck

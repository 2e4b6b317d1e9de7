#pragma once

#include "RolloutRow.h"
#include "Staleness.h"
#include "argo/Traffic.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QString>

namespace rolldeck {

// The "Traffic" section of a rollout's detail as a table: one row per Service the rollout names (which
// ReplicaSet its selector points at, how many of its pods are ready), and per managed VirtualService route one row
// per destination (the weight the mesh has next to the weight the rollout wants). A missing or unreadable object,
// a missing route or destination and every mismatch is a row with a problem, never an empty one. setTraffic()
// applies a new view incrementally (rows keyed by object, route and destination; never a reset).
class TrafficModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Column { Object, Target, Actual, Desired, Ready, Status, Count };
    Q_ENUM(Column)

    enum class RowKind { Service, VirtualService, Route, Destination };
    Q_ENUM(RowKind)

    enum Role {
        RawValueRole = Qt::UserRole + 1, // weights as numbers (Actual, Desired), pod counts (Ready), else the text
        RowKindRole,                     // int(RowKind)
        ProblemRole,                     // int(TrafficProblem) of the row
        SeverityRole,                    // int(StatusSeverity): Healthy, Progressing (loading), Degraded, Error
        ObjectNameRole,                  // the Service's or VirtualService's name
        NamespaceRole,                   // its namespace
    };
    Q_ENUM(Role)

    explicit TrafficModel(QObject *parent = nullptr);
    ~TrafficModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setTraffic(const TrafficInfo &traffic);
    void clear();
    const TrafficInfo &traffic() const { return m_traffic; }
    int problemCount() const { return m_traffic.problemCount(); }

    // The traffic caches' own staleness.
    void setStaleness(const Staleness &staleness);
    const Staleness &staleness() const { return m_staleness; }
    bool isStale() const { return m_staleness.isStale(); }

    // The row of a Service, or of a VirtualService route's destination (host, subset), -1 when not shown. A route
    // is named by routeKey(): an HTTP route by its name, "tls:<port>:<sni hosts>", "tcp:<port>".
    int serviceRow(const QString &name) const;
    int destinationRow(const QString &virtualService, const QString &route, const QString &host,
                       const QString &subset) const;

    static QString columnName(Column column);
    static QString problemText(TrafficProblem problem);
    static QString routeKey(const RouteTraffic &route);

signals:
    void trafficChanged();
    void stalenessChanged();

private:
    struct Row
    {
        QString key;
        RowKind kind = RowKind::Service;
        QString name; // the object's name
        QString namespaceName;
        QString cells[int(Column::Count)];
        QVariant raw[int(Column::Count)];
        TrafficProblem problem = TrafficProblem::None;
        StatusSeverity severity = StatusSeverity::Healthy;
        QString tooltip;

        bool operator==(const Row &o) const;
    };
    static QList<Row> buildRows(const TrafficInfo &traffic);
    void sync(QList<Row> fresh);

    QList<Row> m_rows;
    TrafficInfo m_traffic;
    Staleness m_staleness;
};

} // namespace rolldeck

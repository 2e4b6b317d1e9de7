#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

namespace rolldeck::guard {

// One alert from Prometheus (/api/v1/alerts: pending or firing) or Alertmanager (/api/v2/alerts: active,
// suppressed, unprocessed), as the alerts panel shows it.
struct AlertItem
{
    enum class Source { Prometheus, Alertmanager };
    Source source = Source::Prometheus;
    QMap<QString, QString> labels;
    QMap<QString, QString> annotations;
    QString state;
    QDateTime since; // activeAt / startsAt

    QString name() const { return labels.value(QStringLiteral("alertname")); }
    QString severity() const { return labels.value(QStringLiteral("severity")); }
    QString summary() const; // the summary annotation, else the description
    QString key() const;     // source and the full label set: an alert's identity
};

// Whether an alert concerns a rollout (docs/guard.md): its `namespace` label is the rollout's namespace, and each
// label that names a workload (`rollout`, `deployment`, `argo_rollout`) names this rollout, and an `app` label, when
// the rollout has one too, agrees with it. An alert without a namespace label is not shown for any rollout.
bool alertConcerns(const QMap<QString, QString> &alertLabels, const QString &ns, const QString &name,
                   const QMap<QString, QString> &rolloutLabels = {});

// The alerts panel's rows: firing and pending Prometheus alerts and Alertmanager's active ones, already filtered to
// one rollout by the feed (alertConcerns). Firing first, then pending, then by start time; each source replaced as
// a whole and applied by key (no reset). A source whose request failed keeps no rows and says why (error()).
class AlertListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Column { Alert, State, Severity, Since, Source, Summary, Count };
    Q_ENUM(Column)
    enum Role {
        RawValueRole = Qt::UserRole + 1, // since: the QDateTime; otherwise the text
        StateRole,                       // firing, pending, active, suppressed, unprocessed
        SeverityRole,                    // the severity label
        LabelsRole,                      // QVariantMap of the labels
    };
    Q_ENUM(Role)

    explicit AlertListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Replaces one source's alerts (and clears its error).
    void setAlerts(AlertItem::Source source, QList<AlertItem> alerts);
    // The source could not be read: its rows go, and the message stays until the next setAlerts().
    void setError(AlertItem::Source source, const QString &message);
    QString error(AlertItem::Source source) const;
    void clear();
    const AlertItem &alertAt(int row) const { return m_rows.at(row); }

signals:
    void errorsChanged();

private:
    void sync();
    QVariant display(const AlertItem &alert, Column column) const;

    QList<AlertItem> m_rows;
    QList<AlertItem> m_prometheus;
    QList<AlertItem> m_alertmanager;
    QString m_prometheusError;
    QString m_alertmanagerError;
    friend struct AlertRowsAdapter;
};

} // namespace rolldeck::guard

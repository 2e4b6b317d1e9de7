#pragma once

#include <QSortFilterProxyModel>

namespace rolldeck {

// The audit view's filter: a text every row must contain in some column (case-insensitive), and an outcome
// (applied, refused, failed, unknown; "needs-ack": unknown and not acknowledged; "" for all). Sorts on raw values.
class AuditFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit AuditFilterProxyModel(QObject *parent = nullptr);

    void setText(const QString &text);
    void setOutcome(const QString &outcome);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QString m_outcome;
};

} // namespace rolldeck

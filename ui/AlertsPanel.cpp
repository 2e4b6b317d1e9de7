#include "AlertsPanel.h"

#include "models/guard/AlertListModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

namespace rolldeck {

using guard::AlertItem;
using guard::AlertListModel;

AlertsPanel::AlertsPanel(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_status(new QLabel(this)), m_view(new QTreeView(this))
{
    setObjectName(QStringLiteral("alertsPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(2);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    layout->addWidget(m_title);
    m_status->setObjectName(QStringLiteral("alertsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);
    m_view->setObjectName(QStringLiteral("alertsView"));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setMaximumHeight(m_view->fontMetrics().height() * 7);
    layout->addWidget(m_view);
    updateStatus();
}

void AlertsPanel::setModel(AlertListModel *model)
{
    m_model = model;
    m_view->setModel(model);
    if (!model)
        return;
    m_view->header()->setSectionHidden(int(AlertListModel::Column::Summary), false);
    for (int c = 0; c + 1 < int(AlertListModel::Column::Count); ++c)
        m_view->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    connect(model, &AlertListModel::errorsChanged, this, &AlertsPanel::updateStatus);
    connect(model, &QAbstractItemModel::rowsInserted, this, &AlertsPanel::updateStatus);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &AlertsPanel::updateStatus);
    connect(model, &QAbstractItemModel::modelReset, this, &AlertsPanel::updateStatus);
    updateStatus();
}

QString AlertsPanel::statusText() const
{
    return m_status->text();
}

void AlertsPanel::updateStatus()
{
    const int rows = m_model ? m_model->rowCount() : 0;
    m_title->setText(rows ? tr("Alerts (%1)").arg(rows) : tr("Alerts"));
    QStringList lines;
    if (m_model) {
        for (const auto source : {AlertItem::Source::Prometheus, AlertItem::Source::Alertmanager}) {
            const QString error = m_model->error(source);
            if (!error.isEmpty())
                lines << (source == AlertItem::Source::Prometheus ? tr("Prometheus: %1") : tr("Alertmanager: %1"))
                             .arg(error);
        }
    }
    if (lines.isEmpty() && rows == 0)
        lines << tr("No firing or pending alerts for this rollout.");
    m_status->setText(lines.join(u'\n'));
    m_status->setVisible(!lines.isEmpty());
    const bool failed = m_model && (!m_model->error(AlertItem::Source::Prometheus).isEmpty() ||
                                    !m_model->error(AlertItem::Source::Alertmanager).isEmpty());
    m_status->setStyleSheet(failed ? QStringLiteral("color: #c62828;") : QString());
    m_status->setEnabled(failed || rows > 0);
    m_view->setVisible(rows > 0);
}

} // namespace rolldeck

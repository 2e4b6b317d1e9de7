#include "GuardSection.h"

#include "models/guard/GuardStatusModel.h"

#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>

namespace rolldeck {

using guard::GuardStatusModel;
using guard::TriggerState;

namespace {

QString barStyle(double proximity, bool firing)
{
    const char *colour = firing || proximity >= 1 ? "#c62828" : proximity >= 0.8 ? "#e0a000" : "#2e7d32";
    return QStringLiteral(
               "QProgressBar { border: 1px solid palette(mid); border-radius: 2px; background: palette(base);"
               " max-height: 8px; } QProgressBar::chunk { background: %1; }")
        .arg(QLatin1String(colour));
}

} // namespace

GuardSection::GuardSection(QWidget *parent)
    : QWidget(parent), m_proxy(new QSortFilterProxyModel(this)), m_mode(new QLabel(this)), m_empty(new QLabel(this)),
      m_rows(new QWidget(this)), m_grid(new QGridLayout(m_rows))
{
    setObjectName(QStringLiteral("guardSection"));
    m_proxy->setFilterRole(GuardStatusModel::RolloutKeyRole);
    m_proxy->setFilterRegularExpression(QRegularExpression(QStringLiteral("^$")));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(2);
    auto *header = new QHBoxLayout;
    auto *title = new QLabel(tr("Guard"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    header->addWidget(title);
    m_mode->setObjectName(QStringLiteral("guardMode"));
    m_mode->setEnabled(false);
    header->addWidget(m_mode, 1);
    layout->addLayout(header);
    m_empty->setObjectName(QStringLiteral("guardEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    m_empty->setText(tr("No rollback trigger is evaluated for this rollout: it is not updating, or its environment "
                        "has no rollback triggers or no Prometheus."));
    layout->addWidget(m_empty);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(8);
    m_grid->setVerticalSpacing(1);
    m_grid->setColumnStretch(3, 1);
    layout->addWidget(m_rows);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &GuardSection::rebuild);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &GuardSection::rebuild);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &GuardSection::rebuild);
    rebuild();
}

void GuardSection::setModel(QAbstractItemModel *model)
{
    m_proxy->setSourceModel(model);
    rebuild();
}

void GuardSection::setRollout(const QString &cluster, const QString &ns, const QString &name)
{
    const QString key = guard::GuardEntry::rolloutKeyOf(cluster, ns, name);
    m_proxy->setFilterRegularExpression(
        QRegularExpression(QLatin1Char('^') + QRegularExpression::escape(key) + QLatin1Char('$')));
    rebuild();
}

int GuardSection::triggerCount() const
{
    return m_proxy->rowCount();
}

void GuardSection::rebuild()
{
    while (QLayoutItem *item = m_grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const int rows = m_proxy->rowCount();
    m_empty->setVisible(rows == 0);
    m_rows->setVisible(rows > 0);
    m_mode->clear();
    if (rows == 0)
        return;
    auto cell = [this](int row, int column) { return m_proxy->index(row, column).data().toString(); };
    m_mode->setText(m_proxy->index(0, 0).data(GuardStatusModel::MayAbortRole).toBool()
                        ? tr("aborts by itself when a trigger fires")
                        : tr("notifies only; a person decides"));
    for (int r = 0; r < rows; ++r) {
        const int line = r * 2;
        const QModelIndex first = m_proxy->index(r, 0);
        const auto phase = TriggerState::Phase(first.data(GuardStatusModel::PhaseRole).toInt());
        const bool firing = phase == TriggerState::Phase::Firing;
        auto *name = new QLabel(cell(r, int(GuardStatusModel::Column::Trigger)), m_rows);
        name->setToolTip(first.data(Qt::ToolTipRole).toString());
        auto *value = new QLabel(tr("%1 (%2)").arg(cell(r, int(GuardStatusModel::Column::Value)),
                                                   cell(r, int(GuardStatusModel::Column::Threshold))),
                                 m_rows);
        value->setObjectName(QStringLiteral("guardValue"));
        const QString since = cell(r, int(GuardStatusModel::Column::InBreach));
        auto *breach = new QLabel(since == u"–" ? QString() : tr("in breach %1").arg(since), m_rows);
        breach->setObjectName(QStringLiteral("guardInBreach"));
        auto *bar = new QProgressBar(m_rows);
        bar->setObjectName(QStringLiteral("guardProximity"));
        bar->setRange(0, 100);
        bar->setTextVisible(false);
        const double proximity = first.data(GuardStatusModel::ProximityRole).toDouble();
        bar->setValue(proximity < 0 ? 0 : int(std::min(proximity, 1.0) * 100));
        bar->setEnabled(proximity >= 0);
        bar->setStyleSheet(barStyle(proximity, firing));
        bar->setToolTip(proximity < 0 ? tr("no value")
                                      : tr("%1 % of the way to the threshold").arg(int(proximity * 100)));
        auto *state = new QLabel(cell(r, int(GuardStatusModel::Column::State)), m_rows);
        state->setObjectName(QStringLiteral("guardState"));
        state->setWordWrap(true);
        if (firing || phase == TriggerState::Phase::Failed || phase == TriggerState::Phase::Stale)
            state->setStyleSheet(QStringLiteral("color: #c62828;"));
        else
            state->setEnabled(false);
        m_grid->addWidget(name, line, 0);
        m_grid->addWidget(value, line, 1);
        m_grid->addWidget(breach, line, 2);
        m_grid->addWidget(bar, line, 3);
        m_grid->addWidget(state, line + 1, 0, 1, 4);
    }
}

} // namespace rolldeck

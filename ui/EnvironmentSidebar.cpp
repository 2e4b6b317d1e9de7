#include "EnvironmentSidebar.h"

#include "models/itemmodels/EnvironmentSummaryModel.h"
#include "StatusStyle.h"

#include <QConcatenateTablesProxyModel>
#include <QLabel>
#include <QListView>
#include <QPainter>
#include <QSettings>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QVBoxLayout>

namespace rolldeck {

// The sidebar's rows: "All environments" first, then the summary model's rows.
class AllEnvironmentsModel : public QConcatenateTablesProxyModel
{
public:
    explicit AllEnvironmentsModel(QObject *parent) : QConcatenateTablesProxyModel(parent)
    {
        m_all.appendRow(new QStandardItem(EnvironmentSidebar::tr("All environments")));
        addSourceModel(&m_all);
    }

private:
    QStandardItemModel m_all;
};

namespace {

const QString kWatchedKey = QStringLiteral("notifications/watchedEnvironments");

// Draws an entry: a production band, the name, and the badges right-aligned (count + colour; "stale" in grey).
class EnvironmentDelegate : public QStyledItemDelegate
{
public:
    explicit EnvironmentDelegate(EnvironmentSidebar *sidebar) : QStyledItemDelegate(sidebar), m_sidebar(sidebar) {}

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        return {180, option.fontMetrics.height() * 2 + 14};
    }

    void paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString name = opt.text;
        opt.text.clear();
        opt.widget->style()->drawControl(QStyle::CE_ItemViewItem, &opt, p, opt.widget);
        p->save();
        p->setRenderHint(QPainter::Antialiasing);
        const bool production = index.data(EnvironmentSummaryModel::ProductionRole).toBool();
        const QRect r = option.rect.adjusted(10, 4, -8, -4);
        if (production)
            p->fillRect(QRect(option.rect.left(), option.rect.top() + 3, 4, option.rect.height() - 6),
                        statusColor(StatusSeverity::Degraded));
        QFont f = option.font;
        f.setBold(production || !index.data(EnvironmentSummaryModel::KeyRole).isValid());
        p->setFont(f);
        const QColor text =
            option.palette.color(option.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text);
        p->setPen(text);
        const int line = option.fontMetrics.height();
        const QVariant key = index.data(EnvironmentSummaryModel::KeyRole);
        int nameWidth = r.width();
        if (key.isValid() && m_sidebar->isWatched(key.toString())) {
            // Watched: a small outlined mark at the end of the name line.
            QFont small = option.font;
            small.setPointSizeF(small.pointSizeF() * 0.8);
            const QFontMetrics fm(small);
            const QString mark = EnvironmentSidebar::tr("notify");
            const int w = fm.horizontalAdvance(mark) + 8;
            const QRect pill(r.right() - w, r.top() + (line - fm.height() - 2) / 2, w, fm.height() + 2);
            p->setFont(small);
            p->setPen(text);
            p->setBrush(Qt::NoBrush);
            p->drawRoundedRect(pill, 3, 3);
            p->drawText(pill, Qt::AlignCenter, mark);
            p->setFont(f);
            nameWidth -= w + 4;
        }
        p->drawText(QRect(r.left(), r.top(), nameWidth, line), Qt::AlignLeft | Qt::AlignVCenter,
                    option.fontMetrics.elidedText(name, Qt::ElideRight, nameWidth));
        if (!key.isValid())
            return p->restore();
        // Badges on the second line: only what is there, in the status colours.
        struct Badge
        {
            QString text;
            QColor colour;
        };
        QList<Badge> badges;
        const int degraded = index.data(EnvironmentSummaryModel::DegradedRole).toInt();
        const int waiting = index.data(EnvironmentSummaryModel::WaitingRole).toInt();
        const int progressing = index.data(EnvironmentSummaryModel::ProgressingRole).toInt();
        if (degraded > 0)
            badges.append({EnvironmentSidebar::tr("%1 degraded").arg(degraded), statusColor(StatusSeverity::Degraded)});
        if (waiting > 0)
            badges.append({EnvironmentSidebar::tr("%1 waiting").arg(waiting), statusColor(StatusSeverity::Paused)});
        if (progressing > 0)
            badges.append(
                {EnvironmentSidebar::tr("%1 progressing").arg(progressing), statusColor(StatusSeverity::Progressing)});
        if (index.data(EnvironmentSummaryModel::StaleRole).toBool())
            badges.append({EnvironmentSidebar::tr("stale"), statusColor(StatusSeverity::Unknown)});
        QFont small = option.font;
        small.setPointSizeF(small.pointSizeF() * 0.85);
        small.setBold(true);
        p->setFont(small);
        const QFontMetrics fm(small);
        int x = r.left();
        const int y = r.top() + line + 3;
        if (badges.isEmpty()) {
            const int total = index.data(EnvironmentSummaryModel::TotalRole).toInt();
            p->setPen(option.palette.color(QPalette::Disabled, QPalette::Text));
            p->drawText(QRect(x, y, r.width(), fm.height() + 2), Qt::AlignLeft | Qt::AlignVCenter,
                        total == 1 ? EnvironmentSidebar::tr("1 rollout, all calm")
                                   : EnvironmentSidebar::tr("%1 rollouts, all calm").arg(total));
        }
        for (const Badge &b : std::as_const(badges)) {
            const int w = fm.horizontalAdvance(b.text) + 10;
            if (x + w > r.right())
                break;
            const QRect pill(x, y, w, fm.height() + 2);
            p->setPen(Qt::NoPen);
            p->setBrush(b.colour);
            p->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
            p->setPen(Qt::white);
            p->drawText(pill, Qt::AlignCenter, b.text);
            x += w + 4;
        }
        p->restore();
    }

private:
    const EnvironmentSidebar *m_sidebar;
};

} // namespace

EnvironmentSidebar::EnvironmentSidebar(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("environmentSidebar"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 0, 6);
    layout->setSpacing(4);
    auto *title = new QLabel(tr("Environments"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    layout->addWidget(title);
    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("environmentList"));
    m_view->setItemDelegate(new EnvironmentDelegate(this));
    m_view->setUniformItemSizes(true);
    m_withAll = new AllEnvironmentsModel(this);
    m_view->setModel(m_withAll);
    layout->addWidget(m_view, 1);
    const QStringList watched = QSettings().value(kWatchedKey).toStringList();
    m_watched = QSet<QString>(watched.cbegin(), watched.cend());
    m_watch = new QToolButton(this);
    m_watch->setObjectName(QStringLiteral("watchEnvironment"));
    m_watch->setText(tr("Notify me"));
    m_watch->setCheckable(true);
    m_watch->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_watch->setToolTip(tr("A desktop notification when a rollout in this environment newly needs attention"));
    m_watch->setEnabled(false);
    connect(m_watch, &QToolButton::toggled, this, [this](bool on) {
        if (!currentKey().isEmpty())
            setWatched(currentKey(), on);
    });
    layout->addWidget(m_watch);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &EnvironmentSidebar::onCurrentChanged);
    m_view->setCurrentIndex(m_withAll->index(0, 0));
    setMinimumWidth(190);
}

void EnvironmentSidebar::setModel(EnvironmentSummaryModel *model)
{
    if (model)
        m_withAll->addSourceModel(model);
}

QString EnvironmentSidebar::currentKey() const
{
    return m_view->currentIndex().data(EnvironmentSummaryModel::KeyRole).toString();
}

void EnvironmentSidebar::choose(const QString &key)
{
    for (int r = 0; r < m_withAll->rowCount(); ++r) {
        const QModelIndex index = m_withAll->index(r, 0);
        if (index.data(EnvironmentSummaryModel::KeyRole).toString() == key) {
            m_view->setCurrentIndex(index);
            return;
        }
    }
}

void EnvironmentSidebar::setWatched(const QString &key, bool watched)
{
    if (key.isEmpty() || m_watched.contains(key) == watched)
        return;
    if (watched)
        m_watched.insert(key);
    else
        m_watched.remove(key);
    QStringList list = this->watched();
    list.sort();
    QSettings().setValue(kWatchedKey, list);
    if (key == currentKey()) {
        const QSignalBlocker blocker(m_watch);
        m_watch->setChecked(watched);
    }
    m_view->viewport()->update();
    emit watchedChanged(list);
}

void EnvironmentSidebar::onCurrentChanged()
{
    const QModelIndex index = m_view->currentIndex();
    const QString key = index.data(EnvironmentSummaryModel::KeyRole).toString();
    {
        const QSignalBlocker blocker(m_watch);
        m_watch->setEnabled(!key.isEmpty());
        m_watch->setChecked(m_watched.contains(key));
    }
    emit environmentChosen(index.data(EnvironmentSummaryModel::KeyRole).toString(),
                           index.data(EnvironmentSummaryModel::IsClusterRole).toBool());
}

} // namespace rolldeck

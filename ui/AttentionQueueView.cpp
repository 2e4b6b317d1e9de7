#include "AttentionQueueView.h"

#include "models/itemmodels/AttentionQueueModel.h"
#include "models/domain/Duration.h"
#include "models/itemmodels/RolloutListModel.h"
#include "StatusStyle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QScrollBar>
#include <QPainter>
#include <QShortcut>
#include <QStyledItemDelegate>
#include <QTimer>

#include <chrono>

namespace rolldeck {

namespace {

constexpr int kCardWidth = 330;

// A card: the status colour down the left, the rollout's name, where it is, and why it waits.
class CardDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        return {kCardWidth, option.fontMetrics.height() * 3 + 16};
    }

    void paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        p->save();
        p->setRenderHint(QPainter::Antialiasing);
        const QRect card = option.rect.adjusted(2, 2, -4, -2);
        const bool selected = option.state & QStyle::State_Selected;
        const bool focus = option.state & QStyle::State_HasFocus;
        const QPalette &pal = option.palette;
        p->setPen(QPen(selected || focus ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid),
                       selected || focus ? 2 : 1));
        p->setBrush(pal.color(QPalette::Base));
        p->drawRoundedRect(card, 4, 4);
        const bool stale = index.data(RolloutListModel::StaleRole).toBool();
        const auto severity = StatusSeverity(index.data(RolloutListModel::SeverityRole).toInt());
        const QColor band = stale ? statusColor(StatusSeverity::Unknown) : statusColor(severity);
        p->fillRect(QRect(card.left() + 1, card.top() + 1, 5, card.height() - 2), band);
        const int line = option.fontMetrics.height();
        const QRect text = card.adjusted(14, 5, -8, -5);
        QFont bold = option.font;
        bold.setBold(true);
        p->setFont(bold);
        p->setPen(pal.color(QPalette::Text));
        const QString name = index.data(RolloutListModel::NamespaceRole).toString() + u'/' +
                             index.data(RolloutListModel::NameRole).toString();
        p->drawText(QRect(text.left(), text.top(), text.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
                    QFontMetrics(bold).elidedText(name, Qt::ElideMiddle, text.width()));
        p->setFont(option.font);
        p->setPen(pal.color(QPalette::Disabled, QPalette::Text));
        const QString where = index.sibling(index.row(), int(RolloutListModel::Column::Cluster)).data().toString();
        p->drawText(QRect(text.left(), text.top() + line, text.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
                    option.fontMetrics.elidedText(where, Qt::ElideRight, text.width()));
        p->setPen(band.darker(110));
        p->drawText(
            QRect(text.left(), text.top() + 2 * line, text.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
            option.fontMetrics.elidedText(AttentionQueueView::reasonText(index, QDateTime::currentDateTimeUtc()),
                                          Qt::ElideRight, text.width()));
        p->restore();
    }
};

} // namespace

AttentionQueueView::AttentionQueueView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("attentionQueue"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->setSpacing(8);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("attentionQueueTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_title->setMinimumWidth(QFontMetrics(bold).horizontalAdvance(tr("Needs a person")) + 8);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("attentionQueueView"));
    m_view->setFlow(QListView::LeftToRight);
    m_view->setWrapping(false);
    m_view->setUniformItemSizes(true);
    m_view->setSpacing(2);
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->viewport()->setAutoFillBackground(false);
    m_view->setItemDelegate(new CardDelegate(m_view));
    m_view->setFixedHeight(fontMetrics().height() * 3 + 20 + m_view->horizontalScrollBar()->sizeHint().height());
    layout->addWidget(m_view, 1);
    const auto open = [this](const QModelIndex &index) {
        if (index.isValid())
            emit rolloutActivated(index.data(RolloutListModel::ClusterRole).toString(),
                                  index.data(RolloutListModel::NamespaceRole).toString(),
                                  index.data(RolloutListModel::NameRole).toString());
    };
    connect(m_view, &QListView::clicked, this, open);
    for (const QKeySequence &key : {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)}) {
        auto *enter = new QShortcut(key, m_view);
        enter->setContext(Qt::WidgetShortcut);
        connect(enter, &QShortcut::activated, this, [this, open] { open(m_view->currentIndex()); });
    }
    // "for 12m" grows while it waits.
    auto *tick = new QTimer(this);
    tick->setInterval(1000);
    connect(tick, &QTimer::timeout, m_view->viewport(), qOverload<>(&QWidget::update));
    tick->start();
    hide();
}

void AttentionQueueView::setModel(AttentionQueueModel *model)
{
    m_model = model;
    m_view->setModel(model);
    m_view->setModelColumn(int(RolloutListModel::Column::Name));
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &AttentionQueueView::updateTitle);
    connect(model, &QAbstractItemModel::modelReset, this, &AttentionQueueView::updateTitle);
    connect(model, &QAbstractItemModel::layoutChanged, this, &AttentionQueueView::updateTitle);
    updateTitle();
}

void AttentionQueueView::updateTitle()
{
    const int n = m_model ? m_model->rowCount() : 0;
    m_title->setText(tr("Needs a person\n%1").arg(n));
    setVisible(n > 0);
}

QString AttentionQueueView::reasonText(const QModelIndex &index, const QDateTime &now)
{
    QString reason = index.data(RolloutListModel::AttentionReasonRole).toString();
    const QDateTime since = index.data(RolloutListModel::StateSinceRole).toDateTime();
    if (since.isValid() && !index.data(RolloutListModel::StaleRole).toBool())
        reason = tr("%1 for %2")
                     .arg(reason, humanDuration(std::chrono::milliseconds(std::max<qint64>(0, since.msecsTo(now)))));
    const auto severity = StatusSeverity(index.data(RolloutListModel::SeverityRole).toInt());
    const QString message = index.data(RolloutListModel::MessageRole).toString();
    if ((severity == StatusSeverity::Degraded || severity == StatusSeverity::Error) && !message.isEmpty())
        reason = tr("%1: %2").arg(reason, message);
    return reason;
}

} // namespace rolldeck

#include "ExperimentsView.h"

#include "ExperimentDelegate.h"
#include "ExperimentDetail.h"
#include "SplitEditDialog.h"
#include "models/itemmodels/ExperimentListModel.h"

#include <QLabel>
#include <QListView>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace rolldeck {

ExperimentsView::ExperimentsView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("experimentsView"));
    m_model = new ExperimentListModel(this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    auto *method = new QLabel(tr("A/B tests on routes no Rollout manages. Verdicts read the always-valid p-value of a "
                                 "mixture sequential probability ratio test (mSPRT), which may be looked at any time; "
                                 "the fixed-horizon p-value counts only at the planned sample. A sample-ratio "
                                 "mismatch (p < 0.001) makes every result of a test untrustworthy."),
                              this);
    method->setObjectName(QStringLiteral("experimentsMethod"));
    method->setWordWrap(true);
    method->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(method);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("experimentsNotice"));
    m_notice->setWordWrap(true);
    m_notice->setStyleSheet(QStringLiteral("#experimentsNotice { background: #fff4ce; border: 1px solid #e0b400;"
                                           " border-radius: 3px; color: #5c4300; padding: 3px 8px; }"));
    m_notice->hide();
    layout->addWidget(m_notice);

    m_stack = new QStackedWidget(this);
    m_empty = new QLabel(tr("No A/B tests found. Rolldeck shows an experiment when its route (an Istio VirtualService "
                            "no Rollout manages) and its ab_test_* metrics in Prometheus are found."),
                         m_stack);
    m_empty->setObjectName(QStringLiteral("experimentsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    m_stack->addWidget(m_empty);
    auto *split = new QSplitter(Qt::Horizontal, m_stack);
    split->setObjectName(QStringLiteral("experimentsSplitter"));
    split->setChildrenCollapsible(false);
    m_list = new QListView(split);
    m_list->setObjectName(QStringLiteral("experimentsList"));
    m_list->setModel(m_model);
    m_list->setItemDelegate(new ExperimentDelegate(m_list));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setMinimumWidth(360);
    m_scroll = new QScrollArea(split);
    m_scroll->setObjectName(QStringLiteral("experimentDetailScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_detail = new ExperimentDetail(m_scroll);
    m_scroll->setWidget(m_detail);
    split->addWidget(m_list);
    split->addWidget(m_scroll);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    m_stack->addWidget(split);
    layout->addWidget(m_stack, 1);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &ExperimentsView::onCurrentChanged);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        const int row = m_model->rowOf(m_chosen);
        if (row >= from.row() && row <= to.row())
            refreshDetail();
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ExperimentsView::refreshDetail);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ExperimentsView::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ExperimentsView::updateEmptyState);
    connect(m_detail, &ExperimentDetail::editSplitRequested, this, &ExperimentsView::editSplit);
    updateEmptyState();
}

void ExperimentsView::setSnapshots(const QList<stats::ExperimentSnapshot> &snapshots)
{
    m_model->setSnapshots(snapshots);
    if (m_chosen.isEmpty() || m_model->rowOf(m_chosen) < 0) {
        // The first test, or what was chosen is gone: show the one at the top.
        if (m_model->rowCount() > 0)
            choose(m_model->index(0).data(ExperimentListModel::KeyRole).toString());
        else
            choose({});
    }
}

void ExperimentsView::setNotice(const QString &notice)
{
    m_notice->setText(notice);
    m_notice->setVisible(!notice.isEmpty());
}

void ExperimentsView::choose(const QString &key)
{
    m_chosen = key;
    const int row = m_model->rowOf(key);
    if (row >= 0 && m_list->currentIndex().row() != row)
        m_list->setCurrentIndex(m_model->index(row));
    refreshDetail();
}

void ExperimentsView::onCurrentChanged()
{
    const QModelIndex current = m_list->currentIndex();
    if (current.isValid() && current.data(ExperimentListModel::KeyRole).toString() != m_chosen)
        choose(current.data(ExperimentListModel::KeyRole).toString());
}

void ExperimentsView::refreshDetail()
{
    const int row = m_model->rowOf(m_chosen);
    if (row < 0)
        m_detail->clear();
    else
        m_detail->setSnapshot(m_model->snapshotAt(row));
}

void ExperimentsView::updateEmptyState()
{
    m_stack->setCurrentIndex(m_model->rowCount() > 0 ? 1 : 0);
}

void ExperimentsView::editSplit()
{
    const int row = m_model->rowOf(m_chosen);
    if (row < 0 || m_editor)
        return;
    const stats::ExperimentSnapshot &s = m_model->snapshotAt(row);
    if (s.route.virtualService.isEmpty() || s.route.variants.size() < 2)
        return;
    const bool running = (s.input.visitsA + s.input.visitsB) > 0;
    m_editor = new SplitEditDialog(s.route, running, this);
    m_editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_editor, &QDialog::accepted, this,
            [this, editor = m_editor.data()] { Q_EMIT splitChangeRequested(editor->route(), editor->weights()); });
    m_editor->open();
}

} // namespace rolldeck

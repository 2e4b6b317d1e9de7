#include "RevisionPickerDialog.h"

#include "StatusStyle.h"
#include "models/argo/RolloutInfo.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace rolldeck {

namespace {

// What became of a revision, from what is still on the cluster: its last analysis run's verdict, else how its
// ReplicaSet stands (serving as stable, scaled down after being replaced, failing).
void describeOutcome(const RevisionInfo &revision, RevisionChoice *choice)
{
    QStringList parts;
    const auto latest =
        std::max_element(revision.analysisRuns.cbegin(), revision.analysisRuns.cend(),
                         [](const AnalysisRunInfo &a, const AnalysisRunInfo &b) { return a.created < b.created; });
    if (latest != revision.analysisRuns.cend()) {
        const QString phase = latest->status;
        if (phase == u"Failed" || phase == u"Error" || phase == u"Inconclusive") {
            parts << RevisionPickerDialog::tr("analysis %1").arg(phase);
            choice->bad = true;
        } else if (phase == u"Successful") {
            parts << RevisionPickerDialog::tr("analysis passed");
        } else if (!phase.isEmpty()) {
            parts << RevisionPickerDialog::tr("analysis %1").arg(phase);
        }
    }
    const ReplicaSetInfo &rs = revision.replicaSets.first();
    if (rs.stable || rs.active)
        parts << RevisionPickerDialog::tr("serving as stable now");
    else if (rs.status == u"ScaledDown")
        parts << RevisionPickerDialog::tr("replaced, scaled down");
    else if (rs.status == u"ReplicaFailure" || rs.status == u"Degraded") {
        parts << RevisionPickerDialog::tr("pods failing");
        choice->bad = true;
    } else if (!rs.status.isEmpty()) {
        parts << RevisionPickerDialog::tr("%1, %2/%3 pods available").arg(rs.status).arg(rs.available).arg(rs.replicas);
    }
    choice->outcome = parts.join(QStringLiteral(" · "));
}

} // namespace

QList<RevisionChoice> RevisionPickerDialog::choicesFor(const RolloutInfo &info)
{
    QList<RevisionChoice> out;
    for (const RevisionInfo &revision : info.revisions) {
        if (revision.revision == info.revision || revision.replicaSets.isEmpty())
            continue;
        RevisionChoice choice;
        choice.revision = revision.revision;
        const ReplicaSetInfo &rs = revision.replicaSets.first();
        choice.images = rs.images;
        choice.age = rs.age;
        describeOutcome(revision, &choice);
        out << choice;
    }
    return out;
}

RevisionPickerDialog::RevisionPickerDialog(const QString &rollout, const QList<RevisionChoice> &choices,
                                           QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("revisionPicker"));
    setWindowTitle(tr("Undo %1: choose a revision").arg(rollout));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Roll %1 back to an earlier revision. Its pod template is restored and the rollout "
                                "runs its steps to it. The confirmation comes next.")
                                 .arg(rollout),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("revisionList"));
    m_list->setRootIsDecorated(false);
    m_list->setAllColumnsShowFocus(true);
    m_list->setHeaderLabels({tr("Revision"), tr("Images"), tr("Age"), tr("Last outcome")});
    for (const RevisionChoice &choice : choices) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, QString::number(choice.revision));
        item->setData(0, Qt::UserRole, choice.revision);
        item->setText(1, choice.images.join(QStringLiteral(", ")));
        item->setText(2, choice.age);
        item->setText(3, choice.outcome);
        if (choice.bad) {
            item->setIcon(3, statusIconFor(StatusSeverity::Degraded));
            item->setForeground(3, statusColor(StatusSeverity::Degraded));
        }
    }
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    m_list->setMinimumWidth(640);
    if (m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    layout->addWidget(m_list, 1);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Roll back to this revision…"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_list->currentItem() != nullptr);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &QDialog::accept);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *current) {
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(current != nullptr);
    });
}

int RevisionPickerDialog::chosenRevision() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(0, Qt::UserRole).toInt() : 0;
}

} // namespace rolldeck

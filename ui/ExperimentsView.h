#pragma once

#include "SplitEditDialog.h"
#include "models/stats/Experiment.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QLabel;
class QListView;
class QScrollArea;
class QStackedWidget;

namespace rolldeck {

class ExperimentDetail;
class ExperimentListModel;

// The Experiments view (View > Experiments, Ctrl+Shift+E): every A/B test the live source reads, as painted cards
// on the left (verdict, progress, split), the chosen one in full on the right (ExperimentDetail), and the method
// stated above both. It shows what setSnapshots() gives it and emits intents: a new split for a test's route goes
// out as splitChangeRequested(), for the console to confirm, record and send (setSplit, docs/actions.md).
class ExperimentsView : public QWidget
{
    Q_OBJECT
public:
    explicit ExperimentsView(QWidget *parent = nullptr);

    ExperimentListModel *model() const { return m_model; }
    QListView *list() const { return m_list; }
    ExperimentDetail *detail() const { return m_detail; }
    // The split editor while it is open (tests drive it).
    SplitEditDialog *splitEditor() const { return m_editor; }
    // Shows the test of this key ("context/namespace/name") in the detail.
    void choose(const QString &key);
    QString chosenKey() const { return m_chosen; }

public slots:
    // The A/B tests as just read (the live source's controller connects here).
    void setSnapshots(const QList<rolldeck::stats::ExperimentSnapshot> &snapshots);
    // Why nothing can be read at all ("no Prometheus configured for production"); empty hides it.
    void setNotice(const QString &notice);
    // Opens the split editor for the chosen test.
    void editSplit();

signals:
    // New weights for `route`, in the order of route.variants.
    void splitChangeRequested(const rolldeck::stats::ExperimentRoute &route, const QList<int> &weights);

private:
    void onCurrentChanged();
    void refreshDetail();
    void updateEmptyState();

    ExperimentListModel *m_model = nullptr;
    QListView *m_list = nullptr;
    QScrollArea *m_scroll = nullptr;
    ExperimentDetail *m_detail = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_notice = nullptr;
    QString m_chosen;
    QPointer<SplitEditDialog> m_editor;
};

} // namespace rolldeck

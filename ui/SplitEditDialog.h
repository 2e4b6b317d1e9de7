#pragma once

#include "models/stats/Experiment.h"

#include <QDialog>
#include <QList>

class QDialogButtonBox;
class QLabel;
class QSlider;
class QSpinBox;

namespace rolldeck {

// The free slider of DESIGN.md decision 4: new weights for the route of an A/B test that no Rollout manages. Two
// variants get a slider (the second's share; the first takes the rest), more get a spin box each; OK needs weights
// that add up to 100 and differ from the route's. It only proposes: the console confirms, records and sends.
class SplitEditDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SplitEditDialog(const stats::ExperimentRoute &route, bool testRunning, QWidget *parent = nullptr);

    const stats::ExperimentRoute &route() const { return m_route; }
    QList<int> weights() const;
    // Sets the weights as a person would (the slider follows for two variants).
    void setWeights(const QList<int> &weights);
    QSlider *slider() const { return m_slider; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    void onSpinChanged();
    void updateAcceptable();

    stats::ExperimentRoute m_route;
    QList<QSpinBox *> m_spins;
    QSlider *m_slider = nullptr;
    QLabel *m_total = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_syncing = false;
};

} // namespace rolldeck

#include "SplitEditDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace rolldeck {

SplitEditDialog::SplitEditDialog(const stats::ExperimentRoute &route, bool testRunning, QWidget *parent)
    : QDialog(parent), m_route(route)
{
    setWindowTitle(tr("Edit the split of %1").arg(route.virtualService));
    setObjectName(QStringLiteral("splitEditDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("No Rollout manages the VirtualService %1/%2: its weights are yours to set. The change "
                                "is confirmed, recorded in the audit log, and sent only if the route is still as shown "
                                "(resourceVersion %3).")
                                 .arg(route.ns, route.virtualService, route.resourceVersion),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    if (testRunning) {
        auto *warning = new QLabel(tr("The test is running: the visits counted so far followed the old split, so after "
                                      "a change the sample-ratio check and the planned sample no longer describe one "
                                      "experiment. Prefer ending the test, or start a new one after the change."),
                                   this);
        warning->setObjectName(QStringLiteral("runningWarning"));
        warning->setWordWrap(true);
        warning->setStyleSheet(QStringLiteral("QLabel { background: #fff4ce; color: #5c4400; padding: 8px; "
                                              "border-radius: 4px; }"));
        layout->addWidget(warning);
    }
    auto *form = new QFormLayout;
    for (const stats::ExperimentVariantRoute &v : route.variants) {
        auto *spin = new QSpinBox(this);
        spin->setObjectName(QStringLiteral("weight_") + v.name);
        spin->setRange(0, 100);
        spin->setSuffix(QStringLiteral(" %"));
        spin->setValue(int(std::lround(v.weight)));
        form->addRow(tr("%1 (%2):").arg(v.name, v.host), spin);
        connect(spin, &QSpinBox::valueChanged, this, &SplitEditDialog::onSpinChanged);
        m_spins << spin;
    }
    if (m_spins.size() == 2) {
        m_slider = new QSlider(Qt::Horizontal, this);
        m_slider->setObjectName(QStringLiteral("splitSlider"));
        m_slider->setRange(0, 100);
        m_slider->setPageStep(5);
        m_slider->setTickPosition(QSlider::TicksBelow);
        m_slider->setTickInterval(10);
        m_slider->setValue(m_spins.at(1)->value());
        m_slider->setToolTip(tr("%1's share of the traffic").arg(route.variants.at(1).name));
        form->insertRow(0, tr("%1 ← → %2").arg(route.variants.at(0).name, route.variants.at(1).name), m_slider);
        connect(m_slider, &QSlider::valueChanged, this, [this](int b) {
            if (m_syncing)
                return;
            m_syncing = true;
            m_spins.at(0)->setValue(100 - b);
            m_spins.at(1)->setValue(b);
            m_syncing = false;
            updateAcceptable();
        });
    }
    layout->addLayout(form);
    m_total = new QLabel(this);
    m_total->setObjectName(QStringLiteral("splitTotal"));
    layout->addWidget(m_total);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Continue…"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateAcceptable();
    setMinimumWidth(460);
}

QList<int> SplitEditDialog::weights() const
{
    QList<int> out;
    for (const QSpinBox *spin : m_spins)
        out << spin->value();
    return out;
}

void SplitEditDialog::setWeights(const QList<int> &weights)
{
    for (int i = 0; i < m_spins.size() && i < weights.size(); ++i)
        m_spins.at(i)->setValue(weights.at(i));
}

void SplitEditDialog::onSpinChanged()
{
    if (m_syncing)
        return;
    m_syncing = true;
    // Two variants: the other one takes the rest, and the slider follows.
    if (m_spins.size() == 2) {
        auto *changed = qobject_cast<QSpinBox *>(sender());
        QSpinBox *other = changed == m_spins.at(0) ? m_spins.at(1) : m_spins.at(0);
        if (changed)
            other->setValue(100 - changed->value());
        m_slider->setValue(m_spins.at(1)->value());
    }
    m_syncing = false;
    updateAcceptable();
}

void SplitEditDialog::updateAcceptable()
{
    int total = 0;
    bool changed = false;
    for (int i = 0; i < m_spins.size(); ++i) {
        total += m_spins.at(i)->value();
        changed = changed || m_spins.at(i)->value() != int(std::lround(m_route.variants.at(i).weight));
    }
    m_total->setText(total == 100 ? (changed ? tr("The weights add up to 100 %.") : tr("This is the current split."))
                                  : tr("The weights add up to %1 %, not 100 %.").arg(total));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(total == 100 && changed);
}

} // namespace rolldeck

#include "MetricsPanel.h"

#include "charts/MetricChartView.h"
#include "models/charts/MetricChartModel.h"

#include <QButtonGroup>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

namespace rolldeck::charts {

MetricsPanel::MetricsPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("metricsPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);

    auto *header = new QHBoxLayout;
    m_subject = new QLabel(this);
    m_subject->setObjectName(QStringLiteral("metricsSubject"));
    m_subject->setTextFormat(Qt::PlainText);
    QFont bold = m_subject->font();
    bold.setBold(true);
    m_subject->setFont(bold);
    header->addWidget(m_subject, 1);

    m_presets = new QWidget(this);
    auto *presets = new QHBoxLayout(m_presets);
    presets->setContentsMargins(0, 0, 0, 0);
    presets->setSpacing(2);
    presets->addWidget(new QLabel(tr("Range:"), m_presets));
    m_rangeButtons = new QButtonGroup(this);
    const QList<QPair<MetricChartModel::Range, QString>> ranges = {
        {MetricChartModel::Range::Last15Minutes, tr("15 m")},
        {MetricChartModel::Range::LastHour, tr("1 h")},
        {MetricChartModel::Range::Last6Hours, tr("6 h")},
        {MetricChartModel::Range::SinceRolloutStart, tr("Since the rollout started")},
    };
    for (const auto &[range, text] : ranges) {
        auto *button = new QToolButton(m_presets);
        button->setObjectName(QStringLiteral("range%1").arg(int(range)));
        button->setText(text);
        button->setCheckable(true);
        button->setAutoRaise(true);
        m_rangeButtons->addButton(button, int(range));
        presets->addWidget(button);
    }
    connect(m_rangeButtons, &QButtonGroup::idClicked, this, [this](int id) {
        if (m_model)
            m_model->setRange(MetricChartModel::Range(id));
    });
    header->addWidget(m_presets);
    layout->addLayout(header);

    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("metricsNotice"));
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->hide();
    layout->addWidget(m_notice);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("metricsScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_grid = new QWidget(scroll);
    m_gridLayout = new QGridLayout(m_grid);
    m_gridLayout->setContentsMargins(0, 0, 0, 0);
    m_gridLayout->setSpacing(6);
    scroll->setWidget(m_grid);
    layout->addWidget(scroll, 1);
}

MetricsPanel::~MetricsPanel() = default;

void MetricsPanel::setModel(MetricChartModel *model)
{
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_model = model;
    if (model) {
        m_connections << connect(model, &QAbstractItemModel::rowsInserted, this, &MetricsPanel::rebuild)
                      << connect(model, &QAbstractItemModel::rowsRemoved, this, &MetricsPanel::rebuild)
                      << connect(model, &QAbstractItemModel::rowsMoved, this, &MetricsPanel::rebuild)
                      << connect(model, &QAbstractItemModel::modelReset, this, &MetricsPanel::rebuild)
                      << connect(model, &QAbstractItemModel::dataChanged, this, &MetricsPanel::onDataChanged)
                      << connect(model, &MetricChartModel::subjectChanged, this, &MetricsPanel::updateHeader)
                      << connect(model, &MetricChartModel::rangeChanged, this, &MetricsPanel::updateHeader)
                      << connect(model, &MetricChartModel::markersChanged, this, [this] {
                             for (MetricChartView *view : std::as_const(m_views))
                                 view->setMarkers(m_model->markers());
                         });
    }
    rebuild();
    updateHeader();
}

void MetricsPanel::setRangePresetsVisible(bool visible)
{
    m_presets->setVisible(visible);
}

void MetricsPanel::setRolloutRangeVisible(bool visible)
{
    if (QAbstractButton *button = m_rangeButtons->button(int(MetricChartModel::Range::SinceRolloutStart)))
        button->setVisible(visible);
}

void MetricsPanel::setColumns(int columns)
{
    m_columns = std::max(columns, 1);
    rebuild();
}

MetricChartView *MetricsPanel::chartView(const QString &id) const
{
    for (MetricChartView *view : m_views) {
        if (view->metricChart().spec.id == id)
            return view;
    }
    return nullptr;
}

void MetricsPanel::rebuild()
{
    const int rows = m_model ? m_model->rowCount() : 0;
    while (m_views.size() > rows)
        delete m_views.takeLast();
    while (m_views.size() < rows) {
        auto *view = new MetricChartView(m_grid);
        m_views << view;
    }
    for (int i = 0; i < rows; ++i) {
        m_gridLayout->addWidget(m_views.at(i), i / m_columns, i % m_columns);
        m_views.at(i)->showChart(m_model->chart(i));
        m_views.at(i)->setMarkers(m_model->markers());
    }
}

void MetricsPanel::onDataChanged(const QModelIndex &from, const QModelIndex &to)
{
    for (int row = from.row(); row <= to.row() && row < m_views.size(); ++row)
        m_views.at(row)->showChart(m_model->chart(row));
}

void MetricsPanel::updateHeader()
{
    m_subject->setText(m_model ? m_model->subject() : QString());
    m_notice->setText(m_model ? m_model->notice() : QString());
    m_notice->setVisible(!m_notice->text().isEmpty());
    if (m_model && m_rangeButtons->button(int(m_model->range())))
        m_rangeButtons->button(int(m_model->range()))->setChecked(true);
}

} // namespace rolldeck::charts

#include "MetricChartView.h"

#include "models/analysis/Downsample.h"

#include <QAreaSeries>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QPainter>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace rolldeck::charts {

namespace {

using analysis::Phase;
constexpr Phase kVerdicts[] = {Phase::Successful, Phase::Failed, Phase::Inconclusive, Phase::Error};

QColor versionColor(const QString &version, int index)
{
    if (version == QLatin1String("stable"))
        return QColor(0x1e, 0x88, 0xe5);
    if (version == QLatin1String("canary"))
        return QColor(0xef, 0x6c, 0x00);
    if (version == QLatin1String("preview"))
        return QColor(0x8e, 0x24, 0xaa);
    static const QColor others[] = {QColor(0x00, 0x89, 0x7b), QColor(0x5e, 0x35, 0xb1), QColor(0xc0, 0xca, 0x33),
                                    QColor(0x6d, 0x4c, 0x41), QColor(0xd8, 0x1b, 0x60)};
    return others[index % 5];
}

// A y range widened to round tick values (1, 2, 2.5 or 5 × 10^k apart), so the axis reads 0.990, 0.995, 1.000
// rather than 0.99518, 0.99817.
struct NiceRange
{
    double lo, hi;
    int ticks;
    int decimals; // enough to tell the ticks apart, the same on every label
};

NiceRange niceRange(double lo, double hi)
{
    const double raw = (hi - lo) / 4;
    if (!(raw > 0) || !std::isfinite(raw))
        return {lo, hi, 5, 3};
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * magnitude;
    for (double f : {1.0, 2.0, 2.5, 5.0}) {
        if (f * magnitude >= raw) {
            step = f * magnitude;
            break;
        }
    }
    const double niceLo = std::floor(lo / step + 1e-9) * step;
    const double niceHi = std::ceil(hi / step - 1e-9) * step;
    int decimals = 0;
    while (decimals < 8 && std::abs(step * std::pow(10.0, decimals) - std::round(step * std::pow(10.0, decimals))) >
                               1e-6 * step * std::pow(10.0, decimals))
        ++decimals;
    return {niceLo, niceHi, int(std::lround((niceHi - niceLo) / step)) + 1, decimals};
}

QColor markerColor(ChartMarker::Kind kind)
{
    switch (kind) {
    case ChartMarker::Kind::Abort:
        return QColor(0xc6, 0x28, 0x28);
    case ChartMarker::Kind::Action:
        return QColor(0x15, 0x65, 0xc0);
    case ChartMarker::Kind::Step:
        break;
    }
    return QColor(0x75, 0x75, 0x75);
}

QColor verdictColor(Phase phase)
{
    switch (phase) {
    case Phase::Successful:
        return QColor(0x2e, 0x7d, 0x32);
    case Phase::Failed:
        return QColor(0xc6, 0x28, 0x28);
    case Phase::Inconclusive:
        return QColor(0xf9, 0xa8, 0x25);
    default:
        return QColor(0x75, 0x75, 0x75);
    }
}

QString verdictName(Phase phase)
{
    switch (phase) {
    case Phase::Successful:
        return MetricChartView::tr("Successful");
    case Phase::Failed:
        return MetricChartView::tr("Failed");
    case Phase::Inconclusive:
        return MetricChartView::tr("Inconclusive");
    case Phase::Error:
        return MetricChartView::tr("Error");
    case Phase::Running:
        return MetricChartView::tr("Running");
    case Phase::Pending:
        return MetricChartView::tr("Pending");
    }
    return {};
}

void hideFromLegend(QChart *chart, QAbstractSeries *series)
{
    for (QLegendMarker *m : chart->legend()->markers(series))
        m->setVisible(false);
}

// The points of a series inside [from, to] with a finite value, at most `pixels` of them (LTTB).
QList<QPointF> visiblePoints(const std::vector<QPointF> &points, double from, double to, int pixels)
{
    std::vector<QPointF> inside;
    inside.reserve(points.size());
    for (const QPointF &p : points) {
        if (p.x() >= from && p.x() <= to && std::isfinite(p.y()))
            inside.push_back(p);
    }
    const std::vector<QPointF> kept = analysis::downsampleForWidth(inside, pixels);
    return QList<QPointF>(kept.begin(), kept.end());
}

} // namespace

MetricChartView::MetricChartView(QWidget *parent) : QChartView(parent)
{
    setObjectName(QStringLiteral("metricChartView"));
    m_chart = new QChart;
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    QFont titleFont = m_chart->titleFont();
    titleFont.setBold(true);
    m_chart->setTitleFont(titleFont);
    QChartView::setChart(m_chart); // QChartView::setChart: the view owns the chart
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::HorizontalRubberBand);
    setMinimumHeight(220);

    m_x = new QDateTimeAxis(m_chart);
    m_y = new QValueAxis(m_chart);
    m_y->setLabelFormat(QStringLiteral("%.4g"));
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    connect(m_x, &QDateTimeAxis::rangeChanged, this, [this] {
        if (!m_settingRange)
            m_zoomed = true;
    });

    // Bands under the lines, then the thresholds, then the data, then the points on top.
    for (int slot = 0; slot < 2; ++slot) {
        auto *upper = new QLineSeries(m_chart);
        auto *lower = new QLineSeries(m_chart);
        m_bands[slot] = new QAreaSeries(upper, lower);
        m_bands[slot]->setPen(Qt::NoPen);
        m_chart->addSeries(m_bands[slot]);
        m_bands[slot]->attachAxis(m_x);
        m_bands[slot]->attachAxis(m_y);
        hideFromLegend(m_chart, m_bands[slot]);
        m_thresholdLines[slot] = new QLineSeries(m_chart);
        m_chart->addSeries(m_thresholdLines[slot]);
        m_thresholdLines[slot]->attachAxis(m_x);
        m_thresholdLines[slot]->attachAxis(m_y);
    }

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("chartMessage"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setStyleSheet(QStringLiteral("#chartMessage { background: rgba(255,244,206,235); border: 1px solid "
                                            "#e0b400; border-radius: 4px; color: #3d2c00; padding: 8px; }"));
    m_message->hide();
}

MetricChartView::~MetricChartView() = default;

void MetricChartView::showChart(const MetricChart &chart)
{
    const bool other = chart.spec.id != m_data.spec.id;
    m_data = chart;
    if (other) {
        m_zoomed = false;
        updateTitle();
        m_y->setTitleText(m_data.spec.unit);
    }
    redraw();
    updateMessage();
}

void MetricChartView::setMarkers(const QList<ChartMarker> &markers)
{
    m_markers = markers;
    viewport()->update();
}

QString MetricChartView::message() const
{
    return m_message->isVisible() || !m_message->isHidden() ? m_message->text() : QString();
}

double MetricChartView::thresholdY(analysis::Threshold::Role role) const
{
    const int slot = role == analysis::Threshold::Role::Success ? 0 : 1;
    QLineSeries *line = m_thresholdLines[slot];
    return line->isVisible() && line->count() > 0 ? line->at(0).y() : NAN;
}

int MetricChartView::plotWidth() const
{
    const int w = int(m_chart->plotArea().width());
    return w > 10 ? w : std::max(width() - 80, 100);
}

void MetricChartView::resetZoom()
{
    m_zoomed = false;
    redraw();
}

void MetricChartView::updateTitle()
{
    // The lines are in the legend; a criterion's condition is short enough for the title. A condition without a
    // line is written in the plot (drawForeground).
    const ChartSpec &spec = m_data.spec;
    QString title = spec.title;
    if (spec.source == ChartSource::RollbackTrigger && !spec.conditionText.isEmpty())
        title = tr("%1 · roll back at %2").arg(spec.title, spec.conditionText);
    else if (spec.source == ChartSource::SuccessCriterion && !spec.conditionText.isEmpty())
        title = tr("%1 · passes at %2").arg(spec.title, spec.conditionText);
    m_chart->setTitle(title.toHtmlEscaped()); // the title is rich text: "< 0.1%" would start a tag
    setToolTip(spec.query + (spec.conditionText.isEmpty() ? QString() : u'\n' + spec.conditionText));
}

void MetricChartView::updateMessage()
{
    QString text;
    if (!m_data.error.isEmpty())
        text = tr("This chart cannot be drawn: %1").arg(m_data.error);
    else if (m_data.loading)
        text = tr("Waiting for Prometheus…");
    else if (m_data.spec.id.isEmpty())
        text.clear();
    else if (m_data.measurements.isEmpty() &&
             std::all_of(m_data.series.begin(), m_data.series.end(), [](const ChartSeries &s) {
                 return std::none_of(s.points.begin(), s.points.end(),
                                     [](const QPointF &p) { return std::isfinite(p.y()); });
             })) {
        const bool any = std::any_of(m_data.series.begin(), m_data.series.end(),
                                     [](const ChartSeries &s) { return !s.points.empty(); });
        text = any ? tr("Nothing to draw in this time range: every value is NaN or infinite (nothing measured yet, "
                        "or a division by zero).")
                   : tr("No data in this time range: the query returned no samples.");
    }
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    if (!text.isEmpty()) {
        const int w = std::min(width() - 40, 520);
        m_message->setFixedWidth(std::max(w, 120));
        m_message->adjustSize();
        m_message->move((width() - m_message->width()) / 2, (height() - m_message->height()) / 2);
        m_message->raise();
    }
}

void MetricChartView::updateAxes(double yMin, double yMax)
{
    m_settingRange = true;
    if (!m_zoomed && m_data.endMs > m_data.startMs) {
        qint64 from = m_data.startMs;
        if (m_data.spec.source == ChartSource::Dashboard) {
            // A day's aggregate from a Prometheus younger than a day: the axis starts where the data does.
            qint64 first = m_data.endMs;
            for (const ChartSeries &s : m_data.series) {
                if (!s.points.empty())
                    first = std::min(first, qint64(s.points.front().x()));
            }
            if (first > from + (m_data.endMs - from) / 10)
                from = std::max(from, first - (m_data.endMs - first) / 10 - 1000);
        }
        m_x->setRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(m_data.endMs));
    }
    const qint64 span = m_x->max().toMSecsSinceEpoch() - m_x->min().toMSecsSinceEpoch();
    m_x->setFormat(span <= 2 * 3600 * 1000 ? QStringLiteral("HH:mm:ss") : QStringLiteral("dd HH:mm"));
    m_x->setTickCount(span <= 2 * 3600 * 1000 ? 5 : 6);
    m_y->setRange(yMin, yMax);
    m_settingRange = false;
}

void MetricChartView::redraw()
{
    const double from = m_zoomed ? double(m_x->min().toMSecsSinceEpoch()) : double(m_data.startMs);
    const double to = m_zoomed ? double(m_x->max().toMSecsSinceEpoch()) : double(m_data.endMs);
    const int pixels = plotWidth();
    double lo = INFINITY;
    double hi = -INFINITY;

    // The lines: one per series, replaced in bulk.
    while (m_lines.size() < m_data.series.size()) {
        auto *line = new QLineSeries(m_chart);
        m_chart->addSeries(line);
        line->attachAxis(m_x);
        line->attachAxis(m_y);
        connect(line, &QLineSeries::hovered, this, [this, line](const QPointF &p, bool state) {
            if (state)
                QToolTip::showText(QCursor::pos(), describePoint(p.x(), p.y(), line->name()), this);
            else
                QToolTip::hideText();
        });
        m_lines << line;
    }
    while (m_lines.size() > m_data.series.size()) {
        QLineSeries *line = m_lines.takeLast();
        m_chart->removeSeries(line);
        delete line;
    }
    std::vector<QPointF> allShown; // the points a chart without a threshold colours by verdict
    const bool hasConditions = !m_data.spec.successCondition.isEmpty() || !m_data.spec.failureCondition.isEmpty();
    for (qsizetype i = 0; i < m_data.series.size(); ++i) {
        const ChartSeries &s = m_data.series.at(i);
        const QList<QPointF> points = visiblePoints(s.points, from, to, pixels);
        for (const QPointF &p : points) {
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
        }
        QLineSeries *line = m_lines.at(i);
        line->setName(s.label);
        QPen pen(versionColor(s.version, int(i)));
        pen.setWidthF(s.version == QLatin1String("canary") || s.version == QLatin1String("preview") ? 2.2 : 1.6);
        line->setPen(pen);
        line->replace(points);
        line->setPointsVisible(points.size() < 12); // a young series of a few points would be invisible
        if (!m_data.successLine && !m_data.failureLine && hasConditions)
            allShown.insert(allShown.end(), points.begin(), points.end());
    }

    // The measurements (and, without a line, every drawn point) by verdict.
    if (m_verdictSeries.isEmpty()) {
        for (int set = 0; set < 2; ++set) {
            for (Phase phase : kVerdicts) {
                auto *scatter = new QScatterSeries(m_chart);
                scatter->setMarkerShape(set == 0 ? QScatterSeries::MarkerShapeCircle
                                                 : QScatterSeries::MarkerShapeRectangle);
                scatter->setMarkerSize(set == 0 ? 10 : 5);
                scatter->setColor(verdictColor(phase));
                scatter->setBorderColor(set == 0 ? Qt::white : verdictColor(phase));
                scatter->setName(set == 0 ? tr("run: %1").arg(verdictName(phase)) : verdictName(phase));
                m_chart->addSeries(scatter);
                scatter->attachAxis(m_x);
                scatter->attachAxis(m_y);
                connect(scatter, &QScatterSeries::hovered, this, [this, scatter, phase](const QPointF &p, bool state) {
                    if (state)
                        QToolTip::showText(QCursor::pos(),
                                           describePoint(p.x(), p.y(), scatter->name(), verdictName(phase)), this);
                    else
                        QToolTip::hideText();
                });
                m_verdictSeries << scatter;
            }
        }
    }
    QList<QPointF> byVerdict[8];
    for (const ChartMeasurement &m : m_data.measurements) {
        if (m.timeMs < from || m.timeMs > to || !std::isfinite(m.value))
            continue;
        const int k = int(std::find(std::begin(kVerdicts), std::end(kVerdicts), m.phase) - std::begin(kVerdicts));
        byVerdict[std::min(k, 3)] << QPointF(double(m.timeMs), m.value);
        lo = std::min(lo, m.value);
        hi = std::max(hi, m.value);
    }
    for (const QPointF &p : allShown) {
        const Phase phase = m_data.verdictOf(p.y());
        const int k = int(std::find(std::begin(kVerdicts), std::end(kVerdicts), phase) - std::begin(kVerdicts));
        byVerdict[4 + std::min(k, 3)] << p;
    }
    for (int i = 0; i < 8; ++i) {
        m_verdictSeries.at(i)->replace(byVerdict[i]);
        for (QLegendMarker *marker : m_chart->legend()->markers(m_verdictSeries.at(i)))
            marker->setVisible(!byVerdict[i].isEmpty());
    }

    // The range: the data and the lines, from zero for non-negative data.
    const double scale = m_data.spec.displayScale;
    for (const auto *line : {&m_data.successLine, &m_data.failureLine}) {
        if (*line) {
            lo = std::min(lo, (*line)->value * scale);
            hi = std::max(hi, (*line)->value * scale);
        }
    }
    if (!std::isfinite(lo) || !std::isfinite(hi)) {
        lo = 0;
        hi = 1;
    }
    // From zero unless the values sit far above it (a success rate near 1 would be a flat line at the top).
    if (lo >= 0 && lo < hi - lo)
        lo = 0;
    double pad = (hi - lo) * 0.12;
    if (pad <= 0)
        pad = hi == 0 ? 1.0 : std::abs(hi) * 0.1;
    hi += pad;
    if (lo != 0)
        lo -= pad;
    const NiceRange nice = niceRange(lo, hi);
    lo = nice.lo;
    hi = nice.hi;
    m_y->setTickCount(nice.ticks);
    m_y->setLabelFormat(QStringLiteral("%.") + QString::number(nice.decimals) + u'f');
    updateAxes(lo, hi);
    drawThreshold(m_data.successLine, 0, lo, hi);
    drawThreshold(m_data.failureLine, 1, lo, hi);
    viewport()->update();
}

void MetricChartView::drawThreshold(const std::optional<analysis::Threshold> &threshold, int slot, double yMin,
                                    double yMax)
{
    QLineSeries *line = m_thresholdLines[slot];
    QAreaSeries *band = m_bands[slot];
    if (!threshold) {
        line->clear();
        band->upperSeries()->clear();
        band->lowerSeries()->clear();
        line->setVisible(false);
        band->setVisible(false);
        hideFromLegend(m_chart, line);
        return;
    }
    const double x0 = double(m_x->min().toMSecsSinceEpoch());
    const double x1 = double(m_x->max().toMSecsSinceEpoch());
    const double y = threshold->value * m_data.spec.displayScale;
    const bool failure = threshold->role == analysis::Threshold::Role::Failure;
    QPen pen(failure ? QColor(0xc6, 0x28, 0x28) : QColor(0x2e, 0x7d, 0x32));
    pen.setStyle(Qt::DashLine);
    pen.setWidthF(1.5);
    line->setPen(pen);
    line->setName(failure ? tr("fail %1").arg(formatValue(y)) : tr("pass %1").arg(formatValue(y)));
    line->replace(QList<QPointF>{{x0, y}, {x1, y}});
    line->setVisible(true);
    for (QLegendMarker *m : m_chart->legend()->markers(line))
        m->setVisible(true);
    // A failure line's band is where a value fails (red); a success line's where it passes (green).
    const bool passAbove = threshold->passAbove();
    const bool below = failure ? passAbove : !passAbove;
    const double a = below ? yMin : y;
    const double b = below ? y : yMax;
    band->lowerSeries()->replace(QList<QPointF>{{x0, a}, {x1, a}});
    band->upperSeries()->replace(QList<QPointF>{{x0, b}, {x1, b}});
    QColor fill = failure ? QColor(0xc6, 0x28, 0x28, 34) : QColor(0x2e, 0x7d, 0x32, 26);
    band->setBrush(fill);
    band->setVisible(true);
    hideFromLegend(m_chart, band);
}

QString MetricChartView::formatValue(double y) const
{
    return QString::number(y, 'g', 4) + (m_data.spec.unit.isEmpty() ? QString() : u' ' + m_data.spec.unit);
}

QString MetricChartView::describePoint(double x, double y, const QString &series, const QString &extra) const
{
    QStringList lines;
    lines << QStringLiteral("%1 — %2").arg(
        series, QDateTime::fromMSecsSinceEpoch(qint64(x)).toString(QStringLiteral("HH:mm:ss")));
    lines << tr("value: %1").arg(formatValue(y));
    const double scale = m_data.spec.displayScale;
    if (m_data.failureLine)
        lines << tr("fail line: %1").arg(formatValue(m_data.failureLine->value * scale));
    if (m_data.successLine)
        lines << tr("pass line: %1").arg(formatValue(m_data.successLine->value * scale));
    if (!m_data.failureLine && !m_data.successLine && !m_data.spec.conditionText.isEmpty())
        lines << tr("condition: %1").arg(m_data.spec.conditionText.simplified());
    lines << tr("verdict: %1").arg(extra.isEmpty() ? verdictName(m_data.verdictOf(y)) : extra);
    return lines.join(u'\n');
}

void MetricChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    redraw();
    updateMessage();
}

void MetricChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::RightButton) {
        resetZoom(); // right click: back to the whole range
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
    if (m_zoomed)
        redraw(); // the zoomed range at full resolution
}

void MetricChartView::mouseMoveEvent(QMouseEvent *event)
{
    QChartView::mouseMoveEvent(event);
    if (m_markers.isEmpty())
        return;
    const QRectF plot = mapFromScene(m_chart->mapRectToScene(m_chart->plotArea())).boundingRect();
    const QPointF at = event->position();
    const qint64 from = m_x->min().toMSecsSinceEpoch();
    const qint64 to = m_x->max().toMSecsSinceEpoch();
    if (!plot.contains(at) || to <= from)
        return;
    for (const ChartMarker &m : m_markers) {
        const double x = plot.left() + plot.width() * double(m.timeMs - from) / double(to - from);
        if (std::abs(x - at.x()) > 3)
            continue;
        const QString when = QDateTime::fromMSecsSinceEpoch(m.timeMs).toString(QStringLiteral("HH:mm:ss"));
        QToolTip::showText(event->globalPosition().toPoint(),
                           m.actor.isEmpty() ? QStringLiteral("%1  %2").arg(when, m.text)
                                             : tr("%1  %2 by %3").arg(when, m.text, m.actor),
                           this);
        return;
    }
}

void MetricChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    const QRectF plot = m_chart->mapRectToScene(m_chart->plotArea());
    if (!m_data.successLine && !m_data.failureLine && !m_data.spec.conditionText.isEmpty()) {
        // No line to draw: the condition itself, and the points are coloured by their verdict.
        painter->save();
        painter->setPen(QColor(0x42, 0x42, 0x42));
        painter->drawText(plot.adjusted(6, 4, -6, -4), Qt::AlignTop | Qt::AlignLeft | Qt::TextWordWrap,
                          tr("condition: %1").arg(m_data.spec.conditionText.simplified()));
        painter->restore();
    }
    if (m_markers.isEmpty())
        return;
    const qint64 from = m_x->min().toMSecsSinceEpoch();
    const qint64 to = m_x->max().toMSecsSinceEpoch();
    painter->save();
    QFont font = painter->font();
    font.setPointSizeF(font.pointSizeF() * 0.8);
    painter->setFont(font);
    const QFontMetricsF metrics(font);
    // Lines first; then the labels along them, an audited action's (with its actor) before a step's, and none
    // closer than a line of text to another (those are left to the tooltip).
    QList<double> labelled;
    QList<std::pair<double, const ChartMarker *>> labels[2]; // actions, then steps
    for (const ChartMarker &m : m_markers) {
        if (m.timeMs < from || m.timeMs > to)
            continue;
        const double x = plot.left() + plot.width() * double(m.timeMs - from) / double(std::max<qint64>(to - from, 1));
        QPen pen(markerColor(m.kind));
        pen.setStyle(m.kind == ChartMarker::Kind::Step ? Qt::DotLine : Qt::SolidLine);
        pen.setWidthF(m.kind == ChartMarker::Kind::Step ? 1 : 1.6);
        painter->setPen(pen);
        painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        labels[m.actor.isEmpty() ? 1 : 0].append({x, &m});
    }
    for (const auto &pass : labels) {
        for (const auto &[x, m] : pass) {
            if (std::any_of(labelled.begin(), labelled.end(),
                            [&, x = x](double other) { return std::abs(other - x) < metrics.height(); }))
                continue;
            labelled << x;
            // "abort · guard", "step 2/8 (setWeight: 25)"
            QString label = m->text;
            if (m->kind == ChartMarker::Kind::Step) {
                label.replace(QStringLiteral("Rollout step "), QStringLiteral("step "));
                label.replace(QStringLiteral(" completed"), QString());
            }
            if (!m->actor.isEmpty())
                label += QStringLiteral(" · ") + m->actor;
            label = metrics.elidedText(label, Qt::ElideRight, plot.height() - 6);
            painter->setPen(markerColor(m->kind));
            painter->save();
            painter->translate(x + 3, plot.top() + 4); // beside the line, not over it
            painter->rotate(90);
            painter->drawText(QPointF(0, 0), label);
            painter->restore();
        }
    }
    painter->restore();
}

} // namespace rolldeck::charts

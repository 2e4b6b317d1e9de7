#include "ExperimentDetail.h"

#include "ExperimentStyle.h"

#include <QFontMetrics>
#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>

#include <algorithm>
#include <cmath>

namespace rolldeck {

using stats::AbMetricReport;
using stats::AbOutcome;
using stats::TestResult;
using S = ExperimentStyle;

namespace {

constexpr int kMargin = 14;
constexpr int kGap = 8;

QFont scaled(const QFont &base, double factor, bool bold = false)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * factor);
    f.setBold(bold);
    return f;
}

QColor variantColor(int variant)
{
    return variant == 0 ? QColor(0x4a, 0x7f, 0xc1) : QColor(0x9b, 0x59, 0xb6);
}

} // namespace

struct ExperimentDetail::Pen
{
    QPainter *p = nullptr;
    int y = 0;
    QList<PaintedText> *painted = nullptr;
    QPalette palette;

    // Wrapped text at (x, y) within `width`; moves y below it unless `stay`. Returns its height.
    int text(const QString &t, const QFont &font, const QColor &color, int x, int width, bool stay = false)
    {
        const QFontMetrics fm(font);
        const int flags = Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap;
        const QRect r = fm.boundingRect(QRect(x, y, std::max(width, 10), 100000), flags, t);
        if (p) {
            p->setFont(font);
            p->setPen(color);
            p->drawText(QRect(x, y, std::max(width, 10), r.height()), flags, t);
        }
        painted->append({t, color});
        if (!stay)
            y += r.height();
        return r.height();
    }
    QColor fg() const { return palette.color(QPalette::WindowText); }
    // Greyed out: what may not be read yet.
    QColor dim() const { return palette.color(QPalette::Disabled, QPalette::WindowText); }
    // Secondary: explanations, readable but quieter than the numbers.
    QColor quiet() const
    {
        const QColor a = palette.color(QPalette::WindowText), b = palette.color(QPalette::Window);
        return QColor::fromRgbF(a.redF() * 0.62 + b.redF() * 0.38, a.greenF() * 0.62 + b.greenF() * 0.38,
                                a.blueF() * 0.62 + b.blueF() * 0.38);
    }
};

ExperimentDetail::ExperimentDetail(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("experimentDetail"));
    m_edit = new QPushButton(tr("Edit split…"), this);
    m_edit->setObjectName(QStringLiteral("editSplitButton"));
    m_edit->setToolTip(tr("Change the weights of this test's route: confirmed, recorded in the audit log, and sent "
                          "only if the route is still as shown"));
    connect(m_edit, &QPushButton::clicked, this, &ExperimentDetail::editSplitRequested);
    m_edit->hide();
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::MinimumExpanding);
}

void ExperimentDetail::setSnapshot(const stats::ExperimentSnapshot &snapshot)
{
    m_snapshot = snapshot;
    m_edit->setVisible(!m_snapshot.name.isEmpty());
    m_edit->setEnabled(!m_snapshot.route.virtualService.isEmpty() && m_snapshot.route.variants.size() >= 2);
    updateHeight();
    update();
}

void ExperimentDetail::clear()
{
    setSnapshot({});
}

QString ExperimentDetail::paintedText() const
{
    QStringList out;
    for (const PaintedText &t : m_painted)
        out << t.text;
    return out.join(u'\n');
}

int ExperimentDetail::heightForWidth(int width) const
{
    return layout(nullptr, width);
}

QSize ExperimentDetail::sizeHint() const
{
    return {640, layout(nullptr, 640)};
}

void ExperimentDetail::updateHeight()
{
    setMinimumHeight(layout(nullptr, std::max(width(), 320)));
}

void ExperimentDetail::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_edit->adjustSize();
    m_edit->move(width() - kMargin - m_edit->width(), kMargin);
    updateHeight();
}

void ExperimentDetail::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    layout(&painter, width());
}

int ExperimentDetail::layout(QPainter *painter, int width) const
{
    m_painted.clear();
    Pen pen{painter, kMargin, &m_painted, palette()};
    const int x = kMargin, w = width - 2 * kMargin;
    const stats::ExperimentSnapshot &s = m_snapshot;
    if (s.name.isEmpty()) {
        pen.text(tr("Choose an A/B test on the left."), font(), pen.dim(), x, w);
        return pen.y + kMargin;
    }
    const stats::ExperimentRoute &route = s.route;
    pen.text(s.name, scaled(font(), 1.45, true), pen.fg(), x, w - m_edit->sizeHint().width() - kGap);
    const QString where = route.virtualService.isEmpty() ? tr("%1 · no VirtualService found for it").arg(s.ns)
                                                         : tr("%1 · VirtualService %2/%3, HTTP route %4 · %5")
                                                               .arg(s.ns, route.ns, route.virtualService)
                                                               .arg(route.httpRoute)
                                                               .arg(route.context);
    pen.text(where, font(), pen.quiet(), x, w - m_edit->sizeHint().width() - kGap);
    if (s.readAt.isValid())
        pen.text(tr("read %1").arg(QLocale().toString(s.readAt.toLocalTime(), QLocale::ShortFormat)), font(),
                 pen.quiet(), x, w);
    pen.y += kGap;
    if (!s.error.isEmpty()) {
        pen.text(tr("Cannot read this test: %1").arg(s.error), scaled(font(), 1.1, true), S::outcomeColor(-1), x, w);
        return pen.y + kMargin;
    }

    // The verdict, in a band of its colour.
    const QColor verdictColor = S::outcomeColor(int(s.report.outcome));
    const QFont big = scaled(font(), 1.2, true);
    const int bandTextHeight =
        QFontMetrics(big).boundingRect(QRect(0, 0, w - 24, 100000), Qt::TextWordWrap, s.report.verdict).height();
    if (painter) {
        QColor fill = verdictColor;
        fill.setAlpha(38);
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(QRect(x, pen.y, w, bandTextHeight + 16), 5, 5);
        painter->setBrush(verdictColor);
        painter->drawRoundedRect(QRect(x, pen.y, 5, bandTextHeight + 16), 2, 2);
    }
    pen.y += 8;
    pen.text(s.report.verdict, big, verdictColor.darker(115), x + 16, w - 24);
    pen.y += 8 + kGap;
    pen.text(tr("Read the always-valid p-value (mSPRT) at any time; the fixed-horizon p-value only once the planned "
                "sample is reached."),
             scaled(font(), 0.95), pen.quiet(), x, w);
    pen.y += kGap * 2;

    paintSplit(pen, x, w);
    pen.y += kGap * 2;
    paintProgress(pen, x, w);
    pen.y += kGap * 2;
    for (int i = 0; i < s.report.metrics.size(); ++i) {
        // Measured first, then the card drawn behind its text.
        Pen measure = pen;
        measure.p = nullptr;
        QList<PaintedText> scratch;
        measure.painted = &scratch;
        const int top = pen.y;
        paintMetric(measure, x + 12, w - 24, i);
        if (painter) {
            painter->setPen(pen.palette.color(QPalette::Mid));
            painter->setBrush(pen.palette.color(QPalette::Base));
            painter->drawRoundedRect(QRectF(x + 0.5, top + 0.5, w - 1, measure.y - top + 20), 6, 6);
        }
        pen.y += 10;
        paintMetric(pen, x + 12, w - 24, i);
        pen.y += 10 + kGap * 2;
    }
    pen.text(tr("Method: the always-valid p-values and confidence sequences come from a mixture sequential "
                "probability ratio test (mSPRT; Johari, Pekelis and Walsh, \"Always Valid Inference\", 2017), tuned to "
                "the planned minimum effect. They stay valid however often they are looked at, so a test may stop "
                "as soon as they say so. A fixed-horizon p-value (z-test, t-test, Mann-Whitney U) holds only when "
                "read once, at the planned sample size: reading it along the way and stopping when it dips under "
                "0.05 inflates false positives many times over."),
             scaled(font(), 0.9), pen.quiet(), x, w);
    return pen.y + kMargin;
}

void ExperimentDetail::paintSplit(Pen &pen, int x, int w) const
{
    const stats::ExperimentSnapshot &s = m_snapshot;
    const stats::AbTestInput &in = s.input;
    pen.text(tr("Traffic split"), scaled(font(), 1.1, true), pen.fg(), x, w);
    pen.y += 4;
    const int labelWidth = 110;
    const int barWidth = w - labelWidth;
    const int barHeight = QFontMetrics(font()).height() + 8;
    const auto bar = [&](const QString &label, double a, double b, const QString &textA, const QString &textB) {
        pen.text(label, font(), pen.quiet(), x, labelWidth - 6, true);
        const double total = a + b;
        if (!(total > 0)) {
            pen.text(tr("no visits yet"), font(), pen.dim(), x + labelWidth, barWidth, true);
            pen.y += barHeight + 4;
            return;
        }
        const int widthA = int(std::lround(barWidth * a / total));
        const QRect ra(x + labelWidth, pen.y, widthA, barHeight),
            rb(x + labelWidth + widthA, pen.y, barWidth - widthA, barHeight);
        if (pen.p) {
            pen.p->setPen(Qt::NoPen);
            pen.p->setBrush(variantColor(0));
            pen.p->drawRect(ra);
            pen.p->setBrush(variantColor(1));
            pen.p->drawRect(rb);
            pen.p->setPen(Qt::white);
            pen.p->setFont(font());
            pen.p->drawText(ra.adjusted(6, 0, -2, 0), Qt::AlignVCenter | Qt::AlignLeft, textA);
            pen.p->drawText(rb.adjusted(2, 0, -6, 0), Qt::AlignVCenter | Qt::AlignRight, textB);
        }
        pen.painted->append({textA, Qt::white});
        pen.painted->append({textB, Qt::white});
        pen.y += barHeight + 4;
    };
    bar(tr("configured"), in.weightA, in.weightB,
        tr("%1 %2").arg(in.nameA, S::percent(in.weightA / (in.weightA + in.weightB))),
        tr("%1 %2").arg(in.nameB, S::percent(in.weightB / (in.weightA + in.weightB))));
    const double visits = in.visitsA + in.visitsB;
    bar(tr("observed"), in.visitsA, in.visitsB,
        tr("%1 %2 (%3 visits)").arg(in.nameA, S::percent(in.visitsA / visits), S::count(in.visitsA)),
        tr("%1 %2 (%3 visits)").arg(in.nameB, S::percent(in.visitsB / visits), S::count(in.visitsB)));
    const TestResult &srm = s.report.sampleRatio;
    if (!srm.ok()) {
        pen.text(tr("Sample-ratio check: %1").arg(srm.notEnoughData), font(), pen.dim(), x, w);
    } else if (s.report.sampleRatioMismatch) {
        pen.text(tr("Sample-ratio mismatch: χ² = %1, p = %2 (< 0.001). The visits do not follow the configured split: "
                    "something drops or misroutes one variant's traffic, and every result below is untrustworthy.")
                     .arg(QLocale().toString(srm.statistic, 'f', 1), S::pValue(srm.pValue)),
                 scaled(font(), 1.0, true), S::outcomeColor(int(AbOutcome::DoNotTrust)), x, w);
    } else {
        pen.text(tr("Sample-ratio check passed: χ² = %1, p = %2; the visits follow the configured split.")
                     .arg(QLocale().toString(srm.statistic, 'f', 2), S::pValue(srm.pValue)),
                 font(), S::outcomeColor(int(AbOutcome::Better)), x, w);
    }
}

void ExperimentDetail::paintProgress(Pen &pen, int x, int w) const
{
    const stats::ExperimentSnapshot &s = m_snapshot;
    pen.text(tr("Progress"), scaled(font(), 1.1, true), pen.fg(), x, w);
    pen.y += 4;
    const AbMetricReport *first = s.report.metrics.isEmpty() ? nullptr : &s.report.metrics.constFirst();
    if (!first || !std::isfinite(first->progress)) {
        pen.text(tr("No planned sample: give the test a minimum effect worth detecting to plan one."), font(),
                 pen.dim(), x, w);
        return;
    }
    const int barHeight = 10;
    const double shown = std::clamp(first->progress, 0.0, 1.0);
    if (pen.p) {
        pen.p->setPen(Qt::NoPen);
        pen.p->setBrush(pen.palette.color(QPalette::Midlight));
        pen.p->drawRoundedRect(QRect(x, pen.y, w, barHeight), 4, 4);
        pen.p->setBrush(first->progress >= 1 ? S::outcomeColor(int(AbOutcome::Better))
                                             : S::outcomeColor(int(AbOutcome::KeepRunning)));
        pen.p->drawRoundedRect(QRect(x, pen.y, int(w * shown), barHeight), 4, 4);
    }
    pen.y += barHeight + 4;
    const stats::AbTestInput &in = s.input;
    QString text = tr("%1 of the planned sample (%2 for %3 and %4 for %5, for %6 at α = %7 and power %8)")
                       .arg(S::percent(first->progress), S::count(first->plannedPerGroupA), in.nameA,
                            S::count(first->plannedPerGroupB), in.nameB, first->name)
                       .arg(in.alpha)
                       .arg(in.power);
    if (first->progress >= 1)
        text += tr("; planned sample reached");
    else if (std::isfinite(s.report.secondsLeft))
        text += tr("; about %1 left at the current rate").arg(S::duration(s.report.secondsLeft));
    pen.text(text, font(), pen.fg(), x, w);
}

void ExperimentDetail::paintMetric(Pen &pen, int x, int w, int index) const
{
    const stats::ExperimentSnapshot &s = m_snapshot;
    const stats::AbTestInput &in = s.input;
    const AbMetricReport &m = s.report.metrics.at(index);
    const bool proportion = index == 0 && in.conversionsA.has_value();
    const TestResult &primary = m.tests.constFirst();
    const QFont small = scaled(font(), 0.92);
    pen.text(tr("%1 — %2").arg(m.name, primary.method), scaled(font(), 1.1, true), pen.fg(), x, w);
    pen.text(tr("Why this test: %1").arg(m.why), small, pen.quiet(), x, w);
    pen.y += 4;
    // Conversion rates to two decimals (4.37 %), where one would hide the difference being tested.
    const auto value = [&](double v) {
        return proportion ? QLocale().toString(v * 100, 'f', 2) + QStringLiteral(" %") : S::quantity(v, m.unit);
    };
    pen.text(tr("%1: %2    %3: %4").arg(in.nameA, value(m.valueA), in.nameB, value(m.valueB)), font(), pen.fg(), x, w);
    if (!primary.ok()) {
        pen.text(tr("Not enough data: %1").arg(primary.notEnoughData), font(), pen.dim(), x, w);
        return;
    }
    const int confidence = int(std::lround(primary.confidence * 100));
    const auto diff = [&](double v, bool sign) {
        if (!proportion)
            return S::quantity(v, m.unit, sign);
        const QString number = QLocale().toString(v * 100, 'f', 2);
        return tr("%1 pp").arg(sign && v > 0 ? u'+' + number : number);
    };
    pen.text(tr("Difference %1 − %2: %3 (%4 % CI %5 … %6)")
                 .arg(in.nameB, in.nameA, diff(primary.estimate, true))
                 .arg(confidence)
                 .arg(diff(primary.ciLow, true), diff(primary.ciHigh, true)),
             font(), pen.fg(), x, w);
    if (proportion && m.tests.size() > 1 && m.tests.at(1).ok()) {
        const TestResult &lift = m.tests.at(1);
        pen.text(tr("Relative lift: %1 (CI %2 … %3)")
                     .arg(S::percent(lift.estimate, true), S::percent(lift.ciLow, true), S::percent(lift.ciHigh, true)),
                 font(), pen.fg(), x, w);
    }
    pen.y += 4;
    paintInterval(pen, x, w, index);
    pen.y += 4;
    if (!primary.effectSizeName.isEmpty())
        pen.text(tr("Effect size: %1 = %2").arg(primary.effectSizeName, QLocale().toString(primary.effectSize, 'f', 3)),
                 font(), pen.fg(), x, w);
    pen.text(tr("Always-valid p (mSPRT): %1").arg(S::pValue(m.alwaysValidP)), scaled(font(), 1.0, true), pen.fg(), x,
             w);
    if (m.progress >= 1)
        pen.text(tr("Fixed-horizon p: %1 (the planned sample is reached: valid now)").arg(S::pValue(primary.pValue)),
                 font(), pen.fg(), x, w);
    else
        pen.text(
            tr("Fixed-horizon p: %1 — not valid yet: only at the planned sample (%2 reached)")
                .arg(S::pValue(primary.pValue), std::isfinite(m.progress) ? S::percent(m.progress) : tr("no plan")),
            font(), pen.dim(), x, w);
    QStringList others;
    for (int i = 1; i < m.tests.size(); ++i) {
        const TestResult &t = m.tests.at(i);
        if (t.ok() && std::isfinite(t.pValue))
            others << tr("%1 p = %2").arg(t.method, S::pValue(t.pValue));
    }
    if (!others.isEmpty())
        pen.text(tr("Also computed: %1").arg(others.join(QStringLiteral("; "))), small, pen.quiet(), x, w);
    pen.y += 4;
    pen.text(m.verdict, scaled(font(), 1.0, true), S::outcomeColor(int(m.outcome)), x, w);
}

// The difference on an axis through zero: the always-valid confidence sequence as a wide pale band, the fixed-horizon
// interval as a line with end ticks, the estimate as a dot, in the colour of the metric's outcome.
void ExperimentDetail::paintInterval(Pen &pen, int x, int w, int index) const
{
    const AbMetricReport &m = m_snapshot.report.metrics.at(index);
    const TestResult &primary = m.tests.constFirst();
    const int height = 26;
    double reach = std::max({std::fabs(primary.ciLow), std::fabs(primary.ciHigh), std::fabs(primary.estimate)});
    if (std::isfinite(m.alwaysValidLow) && std::isfinite(m.alwaysValidHigh))
        reach = std::max({reach, std::fabs(m.alwaysValidLow), std::fabs(m.alwaysValidHigh)});
    if (!(reach > 0) || !std::isfinite(reach)) {
        pen.y += height;
        return;
    }
    reach *= 1.1;
    const int left = x + 40, width = w - 80;
    const auto at = [&](double v) { return left + width * (std::clamp(v, -reach, reach) + reach) / (2 * reach); };
    const double mid = pen.y + height / 2.0;
    if (pen.p) {
        QPainter &p = *pen.p;
        const QColor color = S::outcomeColor(int(m.outcome));
        p.setPen(QPen(pen.palette.color(QPalette::Mid), 1));
        p.drawLine(QPointF(left, mid), QPointF(left + width, mid));
        p.setPen(QPen(pen.dim(), 1, Qt::DashLine));
        p.drawLine(QPointF(at(0), pen.y), QPointF(at(0), pen.y + height));
        if (std::isfinite(m.alwaysValidLow) && std::isfinite(m.alwaysValidHigh)) {
            QColor band = color;
            band.setAlpha(60);
            p.setPen(Qt::NoPen);
            p.setBrush(band);
            p.drawRoundedRect(QRectF(QPointF(at(m.alwaysValidLow), mid - 7), QPointF(at(m.alwaysValidHigh), mid + 7)),
                              3, 3);
        }
        p.setPen(QPen(color, 2.5));
        p.drawLine(QPointF(at(primary.ciLow), mid), QPointF(at(primary.ciHigh), mid));
        p.drawLine(QPointF(at(primary.ciLow), mid - 5), QPointF(at(primary.ciLow), mid + 5));
        p.drawLine(QPointF(at(primary.ciHigh), mid - 5), QPointF(at(primary.ciHigh), mid + 5));
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawEllipse(QPointF(at(primary.estimate), mid), 4.5, 4.5);
    }
    pen.y += height;
    pen.text(tr("line: %1 % CI (fixed horizon) · band: always-valid %1 % confidence sequence · dashed: no difference")
                 .arg(int(std::lround(primary.confidence * 100))),
             scaled(font(), 0.85), pen.quiet(), x, w);
}

} // namespace rolldeck

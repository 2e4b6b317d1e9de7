#include "CanaryJudgeSection.h"

#include "SelectableLabel.h"
#include "models/charts/MetricChartModel.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace rolldeck {

using stats::MetricClass;
using stats::ScoreClass;

namespace {

QColor classColor(MetricClass c)
{
    switch (c) {
    case MetricClass::Pass:
        return QColor(0x1e, 0x8e, 0x3e);
    case MetricClass::High:
    case MetricClass::Low:
    case MetricClass::NodataFailMetric:
        return QColor(0xc5, 0x22, 0x1f);
    case MetricClass::Error:
        return QColor(0xd0, 0x5a, 0x00);
    case MetricClass::Nodata:
        break;
    }
    return QColor(0x70, 0x75, 0x7a);
}

QString className(MetricClass c)
{
    switch (c) {
    case MetricClass::Pass:
        return CanaryJudgeSection::tr("Pass");
    case MetricClass::High:
        return CanaryJudgeSection::tr("High");
    case MetricClass::Low:
        return CanaryJudgeSection::tr("Low");
    case MetricClass::Nodata:
        return CanaryJudgeSection::tr("No data");
    case MetricClass::NodataFailMetric:
        return CanaryJudgeSection::tr("No data (fails)");
    case MetricClass::Error:
        return CanaryJudgeSection::tr("Error");
    }
    return {};
}

QString badgeStyle(const QColor &color)
{
    return QStringLiteral("QLabel { background: %1; color: white; border-radius: 8px; padding: 1px 8px; "
                          "font-weight: bold; }")
        .arg(color.name());
}

} // namespace

CanaryJudgeSection::CanaryJudgeSection(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("canaryJudgeSection"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 6);
    layout->setSpacing(4);
    auto *header = new QHBoxLayout;
    auto *title = new QLabel(tr("Canary judge"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    header->addWidget(title);
    m_score = new QLabel(this);
    m_score->setObjectName(QStringLiteral("canaryJudgeScore"));
    m_score->setTextFormat(Qt::PlainText);
    header->addWidget(m_score);
    header->addStretch(1);
    layout->addLayout(header);
    m_method = new QLabel(this);
    m_method->setObjectName(QStringLiteral("canaryJudgeMethod"));
    m_method->setWordWrap(true);
    m_method->setTextFormat(Qt::PlainText);
    m_method->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_method);
    m_rows = new QWidget(this);
    m_grid = new QGridLayout(m_rows);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(8);
    m_grid->setVerticalSpacing(3);
    m_grid->setColumnStretch(1, 1);
    layout->addWidget(m_rows);
    m_pending.setSingleShot(true);
    m_pending.setInterval(0);
    connect(&m_pending, &QTimer::timeout, this, &CanaryJudgeSection::judge);
    hide();
}

void CanaryJudgeSection::setModel(charts::MetricChartModel *model)
{
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_model = model;
    if (model) {
        m_connections << connect(model, &QAbstractItemModel::dataChanged, this, &CanaryJudgeSection::schedule)
                      << connect(model, &QAbstractItemModel::rowsInserted, this, &CanaryJudgeSection::schedule)
                      << connect(model, &QAbstractItemModel::rowsRemoved, this, &CanaryJudgeSection::schedule)
                      << connect(model, &QAbstractItemModel::modelReset, this, &CanaryJudgeSection::schedule);
    }
    judge();
}

void CanaryJudgeSection::schedule()
{
    m_pending.start();
}

void CanaryJudgeSection::judge()
{
    m_pending.stop();
    QList<charts::MetricChart> charts;
    if (m_model) {
        for (int row = 0; row < m_model->rowCount(); ++row)
            charts << m_model->chart(row);
    }
    m_judgement = charts::judgeCharts(charts);
    rebuild();
}

void CanaryJudgeSection::rebuild()
{
    while (QLayoutItem *item = m_grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    setVisible(m_judgement.judged);
    if (!m_judgement.judged)
        return;
    const stats::JudgeResult &r = m_judgement.result;
    const QString word = r.classification == ScoreClass::Pass       ? tr("Pass")
                         : r.classification == ScoreClass::Marginal ? tr("Marginal")
                                                                    : tr("Fail");
    const QColor color = r.classification == ScoreClass::Pass       ? QColor(0x1e, 0x8e, 0x3e)
                         : r.classification == ScoreClass::Marginal ? QColor(0xb0, 0x60, 0x00)
                                                                    : QColor(0xc5, 0x22, 0x1f);
    m_score->setText(tr("score %1 of 100: %2").arg(QLocale().toString(r.score, 'f', 0), word));
    m_score->setStyleSheet(badgeStyle(color));
    const stats::JudgeSettings settings;
    QString method = tr("Kayenta's NetflixACAJudge on the charts' stable and canary lines over the time both cover: "
                        "Mann-Whitney at %1 % confidence with %2 % tolerance; Pass at %3, Marginal at %4.")
                         .arg(settings.confidence * 100)
                         .arg(settings.tolerance * 100)
                         .arg(settings.pass)
                         .arg(settings.marginal);
    if (!r.reason.isEmpty())
        method = r.reason + u'\n' + method;
    m_method->setText(method);
    for (int i = 0; i < r.metrics.size(); ++i) {
        const stats::MetricVerdict &v = r.metrics.at(i);
        auto *badge = new QLabel(className(v.classification), m_rows);
        badge->setObjectName(QStringLiteral("judgeClass_%1").arg(i));
        badge->setStyleSheet(badgeStyle(classColor(v.classification)));
        badge->setAlignment(Qt::AlignCenter);
        QString line = m_judgement.lines.value(i);
        if (v.critical)
            line += tr(" (critical)");
        line += tr(" · canary points: %1").arg(m_judgement.samples.value(i));
        auto *text = new SelectableLabel(m_rows);
        text->setText(line);
        text->setObjectName(QStringLiteral("judgeReason_%1").arg(i));
        text->setWordWrap(true);
        m_grid->addWidget(badge, i, 0, Qt::AlignTop);
        m_grid->addWidget(text, i, 1);
    }
}

QString CanaryJudgeSection::text() const
{
    QStringList out;
    if (!m_judgement.judged)
        return m_judgement.notice;
    out << m_score->text() << m_method->text();
    for (int i = 0; i < m_judgement.result.metrics.size(); ++i) {
        const auto *badge = findChild<QLabel *>(QStringLiteral("judgeClass_%1").arg(i));
        const auto *reason = findChild<QLabel *>(QStringLiteral("judgeReason_%1").arg(i));
        if (badge && reason)
            out << badge->text() + QStringLiteral(": ") + reason->text();
    }
    return out.join(u'\n');
}

} // namespace rolldeck

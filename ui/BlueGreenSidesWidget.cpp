#include "BlueGreenSidesWidget.h"

#include "SelectableLabel.h"
#include "models/domain/Duration.h"
#include "StatusStyle.h"
#include "StepTimelineWidget.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <chrono>

namespace rolldeck {

BlueGreenSidesWidget::BlueGreenSidesWidget(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("blueGreenSides"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    auto *cards = new QHBoxLayout;
    cards->setSpacing(12);
    layout->addLayout(cards);
    m_active = addCard(QStringLiteral("blueGreenActive"), tr("Active · all user traffic"), QColor(0x3b, 0x6e, 0xa5),
                       &m_activeTitle);
    m_preview = addCard(QStringLiteral("blueGreenPreview"), tr("Preview · the new revision"), QColor(0xe0, 0x8a, 0x00),
                        &m_previewTitle);
    cards->addWidget(m_active->parentWidget(), 1);
    cards->addWidget(m_preview->parentWidget(), 1);
    m_clocks = new QLabel(this);
    m_clocks->setObjectName(QStringLiteral("blueGreenClocks"));
    m_clocks->setTextFormat(Qt::PlainText);
    layout->addWidget(m_clocks);
    m_analyses = new QLabel(this);
    m_analyses->setObjectName(QStringLiteral("blueGreenAnalyses"));
    m_analyses->setTextFormat(Qt::PlainText);
    m_analyses->setWordWrap(true);
    layout->addWidget(m_analyses);
}

QLabel *BlueGreenSidesWidget::addCard(const QString &objectName, const QString &title, const QColor &colour,
                                      QLabel **titleLabel)
{
    auto *card = new QFrame(this);
    card->setObjectName(objectName + QStringLiteral("Card"));
    card->setFrameShape(QFrame::StyledPanel);
    // A coloured band on the left says which side it is, in the colours the traffic bar uses.
    card->setStyleSheet(QStringLiteral("#%1Card { border: 1px solid palette(mid); border-left: 6px solid %2;"
                                       " border-radius: 4px; }")
                            .arg(objectName, colour.name()));
    auto *box = new QVBoxLayout(card);
    box->setContentsMargins(10, 6, 10, 8);
    box->setSpacing(2);
    *titleLabel = new QLabel(title, card);
    QFont bold = (*titleLabel)->font();
    bold.setBold(true);
    (*titleLabel)->setFont(bold);
    box->addWidget(*titleLabel);
    auto *body = new SelectableLabel(card);
    body->setObjectName(objectName);
    body->setWordWrap(true);
    box->addWidget(body);
    box->addStretch();
    return body;
}

void BlueGreenSidesWidget::setScale(double scale)
{
    for (QLabel *label : {m_activeTitle, m_previewTitle, m_active, m_preview, m_clocks, m_analyses}) {
        QFont f = label->font();
        f.setPointSizeF(QWidget::font().pointSizeF() * scale);
        label->setFont(f);
    }
}

QString BlueGreenSidesWidget::sideText(const BlueGreenSide &side)
{
    if (side.replicaSet.isEmpty())
        return tr("No ReplicaSet selected");
    QStringList lines;
    lines << tr("%1 (revision %2)").arg(side.replicaSet).arg(side.revision);
    for (const QString &image : side.images)
        lines << image;
    lines << tr("%1 of %2 pods ready").arg(side.ready).arg(side.replicas);
    return lines.join(u'\n');
}

QString BlueGreenSidesWidget::promotionText(const BlueGreenView &view, bool paused)
{
    QString promotion;
    if (!view.previewDiffers)
        promotion = tr("No new revision waiting: preview and active are the same");
    else if (view.autoPromotionRemainingMs)
        promotion = tr("Promotes automatically in %1")
                        .arg(humanDuration(std::chrono::milliseconds(*view.autoPromotionRemainingMs)));
    else if (!view.autoPromotionEnabled || paused)
        promotion = tr("Waits for a person to promote (auto-promotion off)");
    else
        promotion = tr("Promotes as soon as the preview is ready");
    QString delay = tr("old side scaled down %1 after the cutover")
                        .arg(humanDuration(std::chrono::seconds(view.scaleDownDelaySeconds)));
    if (!view.scaleDownRemaining.isEmpty())
        delay +=
            QStringLiteral(" ") + (view.scaleDownRemaining == u"passed" ? tr("(the delay has passed)")
                                                                        : tr("(%1 left)").arg(view.scaleDownRemaining));
    return tr("%1 · %2").arg(promotion, delay);
}

void BlueGreenSidesWidget::setView(const BlueGreenView &view, bool paused)
{
    m_active->setText(sideText(view.active));
    m_preview->setText(view.previewDiffers ? sideText(view.preview) : tr("Same as active"));
    m_clocks->setText(promotionText(view, paused));
    QStringList analyses;
    if (view.prePromotion.isValid())
        analyses << tr("Before promotion: %1").arg(StepTimelineWidget::verdictText(view.prePromotion));
    if (view.postPromotion.isValid())
        analyses << tr("After promotion: %1").arg(StepTimelineWidget::verdictText(view.postPromotion));
    m_analyses->setText(analyses.join(u'\n'));
    m_analyses->setVisible(!analyses.isEmpty());
    const bool bad = view.prePromotion.isBad() || view.postPromotion.isBad();
    m_analyses->setStyleSheet(
        bad ? QStringLiteral("color: %1; font-weight: bold;").arg(statusColor(StatusSeverity::Degraded).name())
            : QString());
}

} // namespace rolldeck

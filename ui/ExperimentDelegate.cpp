#include "ExperimentDelegate.h"

#include "ExperimentStyle.h"
#include "models/itemmodels/ExperimentListModel.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>

#include <cmath>

namespace rolldeck {

using Model = ExperimentListModel;
using S = ExperimentStyle;

QSize ExperimentDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const int line = option.fontMetrics.height();
    return {340, line * 4 + 30};
}

void ExperimentDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const QRect card = option.rect.adjusted(4, 3, -4, -3);
    painter->setPen(pal.color(QPalette::Mid));
    painter->setBrush(selected ? pal.color(QPalette::Highlight).lighter(190) : pal.color(QPalette::Base));
    if (selected && pal.color(QPalette::Base).lightness() < 128)
        painter->setBrush(pal.color(QPalette::Highlight).darker(160));
    painter->drawRoundedRect(QRectF(card).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
    const int outcome = index.data(Model::OutcomeRole).toInt();
    const QColor color = S::outcomeColor(outcome);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawRoundedRect(QRect(card.left(), card.top(), 5, card.height()), 2, 2);

    const QFontMetrics fm = option.fontMetrics;
    const int line = fm.height();
    const int left = card.left() + 14, right = card.right() - 10;
    int y = card.top() + 6;
    // Badge: the outcome in a word, right-aligned on the first line.
    QFont badgeFont = option.font;
    badgeFont.setPointSizeF(option.font.pointSizeF() * 0.85);
    badgeFont.setBold(true);
    const QString badge = S::outcomeWord(outcome);
    const int badgeWidth = QFontMetrics(badgeFont).horizontalAdvance(badge) + 12;
    const QRect badgeRect(right - badgeWidth, y, badgeWidth, line);
    painter->setBrush(color);
    painter->drawRoundedRect(badgeRect, line / 2.0, line / 2.0);
    painter->setFont(badgeFont);
    painter->setPen(Qt::white);
    painter->drawText(badgeRect, Qt::AlignCenter, badge);

    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(pal.color(QPalette::Text));
    const QString name = index.data(Model::NameRole).toString();
    const int nameWidth = std::min(QFontMetrics(bold).horizontalAdvance(name) + 2, badgeRect.left() - left - 8);
    painter->drawText(QRect(left, y, nameWidth, line), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(name, Qt::ElideRight, nameWidth));
    painter->setFont(option.font);
    painter->setPen(pal.color(QPalette::Disabled, QPalette::Text));
    const int nsLeft = left + nameWidth + 8;
    painter->drawText(
        QRect(nsLeft, y, badgeRect.left() - nsLeft - 6, line), Qt::AlignLeft | Qt::AlignVCenter,
        fm.elidedText(index.data(Model::NamespaceRole).toString(), Qt::ElideRight, badgeRect.left() - nsLeft - 6));
    y += line + 3;
    painter->setPen(outcome < 0 || outcome == int(stats::AbOutcome::DoNotTrust) ? color : pal.color(QPalette::Text));
    // The verdict on up to two lines (clipped: the detail has it whole).
    const QRect verdictRect(left, y, right - left, 2 * line);
    painter->save();
    painter->setClipRect(verdictRect);
    painter->drawText(verdictRect, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                      index.data(Model::VerdictRole).toString());
    painter->restore();
    y += 2 * line + 5;
    // The planned sample reached, and the observed split.
    const double progress = index.data(Model::ProgressRole).toDouble();
    const double observed = index.data(Model::ObservedShareBRole).toDouble();
    const double configured = index.data(Model::ConfiguredShareBRole).toDouble();
    // "split 80 / 20, observed 79.9 / 20.1": the configured weights whole, the observed shares to a tenth.
    const auto whole = [](double share) { return QLocale().toString(std::lround(share * 100)); };
    const auto tenth = [](double share) { return QLocale().toString(share * 100, 'f', 1); };
    const QString split = std::isfinite(observed)
                              ? tr("split %1 / %2, observed %3 / %4")
                                    .arg(whole(1 - configured), whole(configured), tenth(1 - observed), tenth(observed))
                              : tr("split %1 / %2, no visits yet").arg(whole(1 - configured), whole(configured));
    const int barWidth = 90;
    if (std::isfinite(progress)) {
        const QRect track(left, y + line / 2 - 3, barWidth, 6);
        painter->setPen(Qt::NoPen);
        painter->setBrush(pal.color(QPalette::Midlight));
        painter->drawRoundedRect(track, 3, 3);
        painter->setBrush(progress >= 1 ? S::outcomeColor(int(stats::AbOutcome::Better))
                                        : S::outcomeColor(int(stats::AbOutcome::KeepRunning)));
        painter->drawRoundedRect(QRect(track.left(), track.top(), int(barWidth * std::min(progress, 1.0)), 6), 3, 3);
    }
    painter->setPen(pal.color(QPalette::Disabled, QPalette::Text));
    const QString progressText = !std::isfinite(progress) ? tr("no plan")
                                 : progress >= 1          ? tr("sample reached")
                                                          : S::percent(progress);
    const int textLeft = left + (std::isfinite(progress) ? barWidth + 6 : 0);
    painter->drawText(QRect(textLeft, y, right - textLeft, line), Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(progressText + QStringLiteral("  ·  ") + split, Qt::ElideRight, right - textLeft));
    painter->restore();
}

} // namespace rolldeck

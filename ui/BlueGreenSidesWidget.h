#pragma once

#include "models/argo/RolloutTimeline.h"

#include <QWidget>

class QLabel;

namespace rolldeck {

// A blue-green rollout's two sides next to each other: the active side (all user traffic) and the preview side
// (the new revision waiting), each with its ReplicaSet, revision, images and ready pods; below them the
// pre- and post-promotion analyses, the auto-promotion countdown and the scale-down delay.
class BlueGreenSidesWidget : public QWidget
{
    Q_OBJECT
public:
    explicit BlueGreenSidesWidget(QWidget *parent = nullptr);

    void setView(const BlueGreenView &view, bool paused);
    void setScale(double scale);

    // "Promotes automatically in 25s", "Waits for a person to promote (auto-promotion off)", ... (translated)
    static QString promotionText(const BlueGreenView &view, bool paused);
    static QString sideText(const BlueGreenSide &side);

private:
    QLabel *addCard(const QString &objectName, const QString &title, const QColor &colour, QLabel **titleLabel);

    QLabel *m_activeTitle = nullptr;
    QLabel *m_previewTitle = nullptr;
    QLabel *m_active = nullptr;
    QLabel *m_preview = nullptr;
    QLabel *m_clocks = nullptr;
    QLabel *m_analyses = nullptr;
};

} // namespace rolldeck

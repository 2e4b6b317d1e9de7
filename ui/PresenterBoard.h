#pragma once

#include "models/itemmodels/RolloutRow.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QGridLayout;
class QLabel;
class QTimer;
class QVBoxLayout;

namespace rolldeck {

class RolloutListModel;
class PresenterCard;

// Presenter mode: a full-screen board for a room. One lane per environment (the workspace's, else the clusters),
// production first when the workspace lists it first; in each lane a card per rollout, the ones needing a person
// first, with its status in large type, its step timeline (live countdown) and its traffic bar. Stale clusters say
// so on their cards. Escape leaves. Reads the rollout list; rebuilt at most five times a second.
class PresenterBoard : public QWidget
{
    Q_OBJECT
public:
    explicit PresenterBoard(QWidget *parent = nullptr);
    ~PresenterBoard() override;

    void setModel(RolloutListModel *model);
    // How many cards a lane shows at most; the rest are counted ("and 12 more").
    static constexpr int kCardsPerLane = 3;
    // The lanes shown, top to bottom.
    QStringList lanes() const { return m_laneOrder; }
    PresenterCard *card(const RolloutKey &key) const { return m_cards.value(key); }

signals:
    void closeRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void schedule();
    void rebuild();
    void fitToScreen();

    QPointer<RolloutListModel> m_model;
    double m_scale; // the cards' and lanes' type, relative to the desktop font
    QVBoxLayout *m_lanesLayout = nullptr;
    QLabel *m_clock = nullptr;
    QTimer *m_rebuild = nullptr;
    QStringList m_laneOrder;
    QHash<QString, QWidget *> m_lanes;
    QHash<RolloutKey, PresenterCard *> m_cards;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace rolldeck

#pragma once

#include "models/argo/ActionRules.h"
#include "RevisionPickerDialog.h"

#include <QHash>
#include <QWidget>

class QToolButton;

namespace rolldeck {

struct RolloutInfo;

// The detail's action buttons (Promote, Promote full, Abort, Retry, Undo, Restart, Pause). A button is enabled only
// when the action makes sense for the rollout as shown and the view is live; a disabled one says why in its tooltip.
// It sends nothing: it emits the intent, and the composition root confirms and runs it.
class ActionBar : public QWidget
{
    Q_OBJECT
public:
    explicit ActionBar(QWidget *parent = nullptr);

    // The rollout as shown (nullptr: nothing open); `blockedWhy` non-empty disables every action with that reason
    // (a stale view, a read-only context, an action in flight).
    void setRollout(const RolloutInfo *info, const QString &blockedWhy = {});
    // What the person may not do on the open rollout, with why ("read-only context: no patch on rollouts/status");
    // an action missing here is allowed or not known yet (the action service asks again before sending).
    // Takes effect with the next setRollout().
    void setDenied(const QHash<ActionKind, QString> &denied) { m_denied = denied; }
    const QHash<ActionKind, QString> &denied() const { return m_denied; }
    QToolButton *button(ActionKind action) const { return m_buttons.value(action); }

signals:
    // Undo's revision picker is on screen (tests drive it).
    void revisionPickerShown(rolldeck::RevisionPickerDialog *picker);
    // verb: promote, abort, retry, undo, restart, pause; full: promote --full; toRevision: undo's target (0: previous).
    void actionRequested(const QString &verb, bool full, int toRevision);

private:
    void addButton(ActionKind action, const QString &text, const QString &shortcut);
    void showRevisionPicker();

    QHash<ActionKind, QToolButton *> m_buttons;
    QHash<ActionKind, QString> m_denied;
    QList<RevisionChoice> m_undoChoices;
    QString m_rolloutName;
};

} // namespace rolldeck

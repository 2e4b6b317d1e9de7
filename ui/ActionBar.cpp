#include "ActionBar.h"

#include "models/argo/RolloutInfo.h"

#include <QHBoxLayout>
#include <QKeySequence>
#include <QToolButton>

namespace rolldeck {

ActionBar::ActionBar(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    addButton(ActionKind::Promote, tr("Promote"), QStringLiteral("Ctrl+Shift+P"));
    addButton(ActionKind::PromoteFull, tr("Promote full"), QStringLiteral("Ctrl+Shift+F"));
    addButton(ActionKind::Abort, tr("Abort"), QStringLiteral("Ctrl+Shift+A"));
    addButton(ActionKind::Retry, tr("Retry"), QStringLiteral("Ctrl+Shift+R"));
    addButton(ActionKind::Undo, tr("Undo…"), QStringLiteral("Ctrl+Shift+U"));
    addButton(ActionKind::Restart, tr("Restart"), QStringLiteral("Ctrl+Shift+T"));
    addButton(ActionKind::Pause, tr("Pause"), QStringLiteral("Ctrl+Shift+S"));
    layout->addStretch(1);
    setRollout(nullptr);
}

void ActionBar::addButton(ActionKind action, const QString &text, const QString &shortcut)
{
    auto *button = new QToolButton(this);
    button->setText(text);
    button->setObjectName(QStringLiteral("action-%1").arg(int(action)));
    button->setShortcut(QKeySequence(shortcut));
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setMinimumHeight(28);
    layout()->addWidget(button);
    m_buttons.insert(action, button);
    connect(button, &QToolButton::clicked, this, [this, action] {
        switch (action) {
        case ActionKind::Promote:
            return emit actionRequested(QStringLiteral("promote"), false, 0);
        case ActionKind::PromoteFull:
            return emit actionRequested(QStringLiteral("promote"), true, 0);
        case ActionKind::Abort:
            return emit actionRequested(QStringLiteral("abort"), false, 0);
        case ActionKind::Retry:
            return emit actionRequested(QStringLiteral("retry"), false, 0);
        case ActionKind::Undo:
            return showRevisionPicker();
        case ActionKind::Restart:
            return emit actionRequested(QStringLiteral("restart"), false, 0);
        case ActionKind::Pause:
            return emit actionRequested(QStringLiteral("pause"), false, 0);
        }
    });
}

void ActionBar::setRollout(const RolloutInfo *info, const QString &blockedWhy)
{
    m_undoChoices = info ? RevisionPickerDialog::choicesFor(*info) : QList<RevisionChoice>();
    m_rolloutName = info ? info->name : QString();
    for (auto it = m_buttons.cbegin(); it != m_buttons.cend(); ++it) {
        ActionAvailability a;
        if (!info)
            a = {false, tr("No rollout is open.")};
        else if (!blockedWhy.isEmpty())
            a = {false, blockedWhy};
        else if (m_denied.contains(it.key()))
            a = {false, m_denied.value(it.key())}; // no permission outranks the state: it will not change by waiting
        else
            a = actionAvailability(it.key(), *info);
        if (a.enabled && it.key() == ActionKind::Undo && m_undoChoices.isEmpty())
            a = {false, tr("No earlier revision to go back to.")};
        it.value()->setEnabled(a.enabled);
        it.value()->setToolTip(a.enabled
                                   ? it.value()->text() + QStringLiteral(" (") +
                                         it.value()->shortcut().toString(QKeySequence::NativeText) + QLatin1Char(')')
                                   : a.why);
    }
}

void ActionBar::showRevisionPicker()
{
    auto *picker = new RevisionPickerDialog(m_rolloutName, m_undoChoices, this);
    picker->setAttribute(Qt::WA_DeleteOnClose);
    connect(picker, &QDialog::accepted, this, [this, picker] {
        if (const int revision = picker->chosenRevision(); revision > 0)
            emit actionRequested(QStringLiteral("undo"), false, revision);
    });
    picker->open();
    emit revisionPickerShown(picker);
}

} // namespace rolldeck

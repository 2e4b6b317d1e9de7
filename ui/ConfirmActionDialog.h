#pragma once

#include <QDialog>
#include <QStringList>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace rolldeck {

// What the confirmation shows and asks for, per the environment's policy.
struct ActionConfirmation
{
    QString statement;   // the action in plain words: "Promote api in production from step 3/8 (25 %) to step 4 (50 %)"
    QString decision;    // the decision state it is based on: "revision 4, step 3, Paused, paused, weight 25"
    QString rolloutName; // what typeToConfirm asks to be typed
    bool reasonRequired = false;
    bool typeToConfirm = false;
    bool destructive = false; // abort, undo: the confirm button says so
    QStringList changes;      // non-empty: the rollout changed since it was looked at; asked again
    QString reason;           // prefilled (asked again after a change)
};

// The confirmation before an action: restates it, shows the decision state, asks for the reason and the rollout's
// name where policy says so. Nothing is sent until it is accepted.
class ConfirmActionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConfirmActionDialog(const ActionConfirmation &confirmation, QWidget *parent = nullptr);

    QString reason() const;
    QString typedName() const;
    QLineEdit *reasonEdit() const { return m_reason; }
    QLineEdit *nameEdit() const { return m_name; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    void updateAcceptable();

    ActionConfirmation m_confirmation;
    QLineEdit *m_reason = nullptr;
    QLineEdit *m_name = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace rolldeck

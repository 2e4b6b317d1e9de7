#pragma once

#include <QDialog>
#include <QList>
#include <QStringList>

class QDialogButtonBox;
class QTreeWidget;

namespace rolldeck {

struct RolloutInfo;

// One earlier revision Undo can go back to, as the picker shows it.
struct RevisionChoice
{
    int revision = 0;
    QStringList images;
    QString age;      // of its newest ReplicaSet: "3h"
    QString outcome;  // "analysis Failed", "stable until now", "scaled down" (translated)
    bool bad = false; // its last outcome was a failure: drawn so it stands out
};

// Undo's revision picker: each earlier revision with its images, age and last outcome (from the ReplicaSets and
// analysis runs the detail watches), newest first; choosing one is the intent, the confirmation comes after.
class RevisionPickerDialog : public QDialog
{
    Q_OBJECT
public:
    RevisionPickerDialog(const QString &rollout, const QList<RevisionChoice> &choices, QWidget *parent = nullptr);

    // The revisions other than the current one that still have a ReplicaSet (what undo can restore), newest first.
    static QList<RevisionChoice> choicesFor(const RolloutInfo &info);

    int chosenRevision() const;
    QTreeWidget *list() const { return m_list; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    QTreeWidget *m_list = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace rolldeck

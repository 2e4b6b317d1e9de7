#pragma once

#include <QFrame>
#include <QKeySequence>
#include <QList>

class QLineEdit;
class QListWidget;
class QListWidgetItem;

namespace rolldeck {

class EnvironmentSummaryModel;
class RolloutListModel;

// Ctrl+K: type a few letters of a rollout or an environment, pick it with the arrows and Enter. Matches are fuzzy
// (the letters in order, anywhere: "pay" finds "canary/payments-api"), best first: a match at the start of a word and
// consecutive letters score higher. Typing an action ("promote web") offers it for the rollouts whose state allows it.
class CommandPalette : public QFrame
{
    Q_OBJECT
public:
    explicit CommandPalette(QWidget *parent);

    void setModels(RolloutListModel *rollouts, EnvironmentSummaryModel *environments);
    // A view of the window the palette offers when its name is typed ("exp" → Experiments).
    void addView(const QString &id, const QString &text, const QKeySequence &key = {});
    // Show over the parent, empty and focused.
    void popup();
    QLineEdit *edit() const { return m_edit; }
    QListWidget *results() const { return m_results; }

    // Score of `pattern` against `text`: -1 when the letters do not all appear in order (case-insensitive).
    static int fuzzyScore(const QString &pattern, const QString &text);

signals:
    void rolloutChosen(const QString &cluster, const QString &namespaceName, const QString &name);
    void environmentChosen(const QString &key);
    // An action on a rollout ("promote", "abort"): its detail opens and the confirmation follows.
    void actionChosen(const QString &cluster, const QString &namespaceName, const QString &name, const QString &verb);
    // A view added with addView().
    void viewChosen(const QString &id);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refill();
    void activate(QListWidgetItem *item);

    QLineEdit *m_edit = nullptr;
    QListWidget *m_results = nullptr;
    RolloutListModel *m_rollouts = nullptr;
    EnvironmentSummaryModel *m_environments = nullptr;
    struct View
    {
        QString id;
        QString text;
        QKeySequence key;
    };
    QList<View> m_views;
};

} // namespace rolldeck

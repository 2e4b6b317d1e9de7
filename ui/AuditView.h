#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace rolldeck {

class AuditFilterProxyModel;
class AuditLogModel;

// The audit log as a window: one row per action (time, actor, environment, object, verb, reason, outcome), filtered
// by text and outcome; the hash chain's verification state on top; unknown outcomes highlighted until someone
// acknowledges them with what they found; export as CSV or as the records themselves (JSON Lines). Emits intents;
// the composition root reads, verifies and writes the log.
class AuditView : public QWidget
{
    Q_OBJECT
public:
    enum class ChainState { Verifying, Intact, Broken, Empty };

    explicit AuditView(QWidget *parent = nullptr);

    void setModel(AuditLogModel *model);
    // Intact: `detail` is the number of records; Broken: the first problem (file, line, what).
    void setChainState(ChainState state, const QString &detail);
    ChainState chainState() const { return m_state; }

    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *outcomeFilter() const { return m_outcome; }
    QLineEdit *ackReasonEdit() const { return m_ackReason; }
    QPushButton *ackButton() const { return m_ack; }
    QLabel *chainLabel() const { return m_chain; }
    QLabel *unknownLabel() const { return m_unknown; }

signals:
    // format: "csv" or "json"; path: where the person chose to save it.
    void exportRequested(const QString &format, const QString &path);
    // An outcome-unknown action was checked: its id and what the person found.
    void acknowledgeRequested(const QString &action, const QString &reason);

private:
    void chooseExport(const QString &format);
    void updateAck();
    void updateUnknown();
    QString selectedAction() const;

    AuditLogModel *m_model = nullptr;
    AuditFilterProxyModel *m_proxy = nullptr;
    ChainState m_state = ChainState::Verifying;
    QLabel *m_chain = nullptr;
    QLabel *m_unknown = nullptr;
    QLineEdit *m_filter = nullptr;
    QComboBox *m_outcome = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_ackReason = nullptr;
    QPushButton *m_ack = nullptr;
};

} // namespace rolldeck

#pragma once

// Settings › Connections (View menu): the Argo CD and Prometheus servers the console talks to. It shows a list it is
// given and emits intents; app/ (gui/ConnectionsController) keeps the file, the keychain and the test requests. A
// secret typed here leaves the dialog once, in addRequested(), and the field is cleared.
//
// Usage:
//     auto *dialog = new ConnectionsDialog(window);
//     connect(dialog, &ConnectionsDialog::addRequested, controller, &Controller::add);   // then test it
//     dialog->setConnections(items);                                    // whenever the list changes
//     dialog->setTestResult(kind, name, ConnectionItem::State::Ok, tr("Connected as admin"));
#include <QByteArray>
#include <QDialog>
#include <QList>
#include <QString>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace rolldeck {

struct ConnectionItem
{
    enum class Kind { ArgoCd, Prometheus };
    enum class State { Untested, Testing, Ok, Failed };

    Kind kind = Kind::ArgoCd;
    QString name;
    QString address;
    QString secretEntry; // the keychain entry, empty when there is none
    State state = State::Untested;
    QString result; // what the last test said, in plain words
};

struct ConnectionDraft
{
    ConnectionItem::Kind kind = ConnectionItem::Kind::ArgoCd;
    QString name;
    QString address;
    QByteArray secret; // empty: none typed (Argo CD: the token `rolldeck credential argocd login` stored, if any)
};

class ConnectionsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionsDialog(QWidget *parent = nullptr);

    void setConnections(const QList<ConnectionItem> &items);
    void setTestResult(ConnectionItem::Kind kind, const QString &name, ConnectionItem::State state,
                       const QString &text);
    // A problem with the form or the file (a duplicate name, an address that is no URL, a file not written).
    void showProblem(const QString &text);
    // Empties the form after a connection was added.
    void clearForm();
    // Where the connections are kept, shown under the list.
    void setFileNote(const QString &text);

    static QString kindText(ConnectionItem::Kind kind);

signals:
    void addRequested(const ConnectionDraft &draft);
    void testRequested(ConnectionItem::Kind kind, const QString &name);
    void removeRequested(ConnectionItem::Kind kind, const QString &name);

private:
    void onAdd();
    void onSelectionChanged();
    void updateAddressHint();
    int selectedRow() const;

    QList<ConnectionItem> m_items;
    QTreeWidget *m_list;
    QPushButton *m_test;
    QPushButton *m_remove;
    QComboBox *m_kind;
    QLineEdit *m_name;
    QLineEdit *m_address;
    QLineEdit *m_secret;
    QLabel *m_secretHint;
    QLabel *m_result; // the selected connection's last test result, in full
    QLabel *m_problem;
    QLabel *m_fileNote;
};

} // namespace rolldeck

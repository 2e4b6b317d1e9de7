#pragma once

#include <QMainWindow>

class QLabel;
class QStackedWidget;

namespace rolldeck {

// The console's main window. It shows item models and emits intents; it never opens a socket.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    // Switch between the "no clusters" state and the workspace view.
    void setHasClusters(bool hasClusters);

private:
    QStackedWidget *m_stack = nullptr;
    QWidget *m_emptyState = nullptr;
    QWidget *m_workspace = nullptr;
};

} // namespace rolldeck

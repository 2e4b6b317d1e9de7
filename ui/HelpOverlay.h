#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QWidget>

namespace rolldeck {

// F1 (or ?): the keyboard shortcuts drawn over the window, dimming it; any key or click closes it.
class HelpOverlay : public QWidget
{
    Q_OBJECT
public:
    explicit HelpOverlay(QWidget *parent);

    // (keys, what they do), in the order shown; the window sets them from its actions.
    void setShortcuts(const QList<QPair<QString, QString>> &shortcuts);
    const QList<QPair<QString, QString>> &shortcuts() const { return m_shortcuts; }
    void popup();

protected:
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    QList<QPair<QString, QString>> m_shortcuts;
};

} // namespace rolldeck

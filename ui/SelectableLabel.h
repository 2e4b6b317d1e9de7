#pragma once

#include <QLabel>

namespace rolldeck {

// A plain-text label whose text the mouse can select from the moment the pointer first enters it. A selectable
// QLabel keeps a text document and lays it out at every change; the detail's first fill built thirty of them in one
// pass of the event loop (9-13 ms of the GUI thread at half speed, docs/console.md).
class SelectableLabel : public QLabel
{
    Q_OBJECT
public:
    explicit SelectableLabel(QWidget *parent = nullptr);

protected:
    void enterEvent(QEnterEvent *event) override;
};

} // namespace rolldeck

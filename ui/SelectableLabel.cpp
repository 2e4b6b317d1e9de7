#include "SelectableLabel.h"

namespace rolldeck {

SelectableLabel::SelectableLabel(QWidget *parent) : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setCursor(Qt::IBeamCursor); // what a selectable label shows, before the pointer has entered it too
}

void SelectableLabel::enterEvent(QEnterEvent *event)
{
    if (!(textInteractionFlags() & Qt::TextSelectableByMouse))
        setTextInteractionFlags(Qt::TextSelectableByMouse);
    QLabel::enterEvent(event);
}

} // namespace rolldeck

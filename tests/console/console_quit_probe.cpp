// The console as `rolldeck` runs it (runConsole), quit the way a person quits it, for tst_consolequit: once the
// file named by ROLLDECK_TEST_QUIT_WHEN holds a complete line, every window is closed, the last window closing
// ends the event loop, and the composition is torn down after it, as on the real quit path.
#include "app/gui/ConsoleApp.h"

#include <QApplication>
#include <QFile>
#include <QTimer>

namespace {

void closeWindowsWhenTold()
{
    auto *poll = new QTimer(QCoreApplication::instance());
    QObject::connect(poll, &QTimer::timeout, poll, [poll] {
        QFile file(qEnvironmentVariable("ROLLDECK_TEST_QUIT_WHEN"));
        if (!file.open(QIODevice::ReadOnly) || !file.readAll().endsWith('\n'))
            return;
        poll->stop();
        QApplication::closeAllWindows();
    });
    poll->start(20);
}

} // namespace

Q_COREAPP_STARTUP_FUNCTION(closeWindowsWhenTold)

int main(int argc, char *argv[])
{
    return rolldeck::runConsole(argc, argv);
}

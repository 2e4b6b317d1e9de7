#include "AuditController.h"

#include "actions/ActionService.h"
#include "audit/AuditLog.h"
#include "audit/AuditRecords.h"
#include "audit/AuditVerifier.h"
#include "ui/AuditView.h"

#include <QDir>
#include <QSaveFile>
#include <QThread>

#include <utility>

namespace rolldeck {

struct AuditController::Loaded
{
    QList<AuditRecordView> records;
    AuditView::ChainState state = AuditView::ChainState::Empty;
    QString detail;
};

AuditController::AuditController(QString directory, QObject *parent)
    : QObject(parent), m_directory(std::move(directory))
{
}

AuditController::~AuditController()
{
    if (m_worker)
        m_worker->wait();
}

AuditView *AuditController::view() const
{
    return m_view;
}

void AuditController::show(QWidget *parent)
{
    if (!m_view) {
        m_view = new AuditView(parent);
        m_view->setWindowFlag(Qt::Window);
        m_view->setAttribute(Qt::WA_DeleteOnClose, false);
        m_view->setModel(&m_model);
        connect(m_view, &AuditView::exportRequested, this, &AuditController::exportTo);
        connect(m_view, &AuditView::acknowledgeRequested, this, &AuditController::acknowledge);
    }
    m_view->show();
    m_view->raise();
    m_view->activateWindow();
    reload();
}

// One job at a time on a short-lived thread, joined before the next and at teardown; its answer comes back queued.
void AuditController::runInBackground(std::function<void()> work)
{
    if (m_worker)
        m_worker->wait();
    m_worker.reset(QThread::create(std::move(work)));
    m_worker->start();
}

void AuditController::reload()
{
    if (m_loading) {
        m_reloadPending = true;
        return;
    }
    m_loading = true;
    if (m_view && m_model.rowCount() == 0)
        m_view->setChainState(AuditView::ChainState::Verifying, {});
    const QString dir = m_directory;
    QPointer<AuditController> self(this);
    runInBackground([dir, self] {
        Loaded loaded;
        const QStringList files = audit::AuditLog::filesIn(dir);
        if (!files.isEmpty()) {
            audit::VerifyOptions options;
            options.headFile = QDir(dir).filePath(audit::AuditLog::headFileName());
            const audit::VerifyReport report = audit::verifyChain(files, options);
            if (report.chainIntact()) {
                loaded.state = AuditView::ChainState::Intact;
                loaded.detail = QString::number(report.records);
            } else {
                const audit::AuditProblem &p = *report.firstBad;
                loaded.state = AuditView::ChainState::Broken;
                loaded.detail =
                    QStringLiteral("%1, line %2: %3").arg(QDir(dir).relativeFilePath(p.file)).arg(p.line).arg(p.what);
            }
            for (const audit::StoredRecord &r : audit::readRecords(files))
                loaded.records << audit::recordView(r);
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, loaded] {
                if (self)
                    self->apply(loaded);
            },
            Qt::QueuedConnection);
    });
}

void AuditController::apply(const Loaded &loaded)
{
    m_loading = false;
    m_model.setRecords(loaded.records);
    if (m_view)
        m_view->setChainState(loaded.state, loaded.detail);
    emit reloaded();
    if (std::exchange(m_reloadPending, false))
        reload();
}

void AuditController::exportTo(const QString &format, const QString &path)
{
    const QString dir = m_directory;
    QPointer<AuditController> self(this);
    runInBackground([dir, format, path, self] {
        const QList<audit::StoredRecord> records = audit::readRecords(audit::AuditLog::filesIn(dir));
        QSaveFile file(path);
        QString error;
        if (!file.open(QIODevice::WriteOnly))
            error = file.errorString();
        else {
            file.write(format == QLatin1String("csv") ? audit::exportCsv(records) : audit::exportJsonLines(records));
            if (!file.commit())
                error = file.errorString();
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, path, error] {
                if (self)
                    emit self->exported(path, error);
            },
            Qt::QueuedConnection);
    });
}

void AuditController::acknowledge(const QString &action, const QString &reason)
{
    // One fsync'd line, as `rolldeck audit ack` writes it.
    audit::AuditLog log(audit::AuditLog::Options{m_directory});
    const auto rec = audit::acknowledge(log, action.toLatin1(), actions::ActionService::osUser(), reason);
    if (!rec)
        emit problem(tr("The acknowledgement could not be recorded: %1").arg(rec.error()));
    reload();
}

} // namespace rolldeck

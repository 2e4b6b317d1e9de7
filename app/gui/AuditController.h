#pragma once

#include "models/itemmodels/AuditLogModel.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

class QThread;

namespace rolldeck {

class AuditView;

// The console's audit view (docs/audit.md): reads and verifies the log off the GUI thread and hands the records to
// the model; reloads when the console appends; acknowledges through the code `rolldeck audit ack` uses; exports the
// CSV and JSON Lines `rolldeck audit export` writes.
class AuditController : public QObject
{
    Q_OBJECT
public:
    explicit AuditController(QString directory, QObject *parent = nullptr);
    ~AuditController() override;

    AuditLogModel *model() { return &m_model; }
    AuditView *view() const;
    // Opens the view (a window of its own), reading the log.
    void show(QWidget *parent);
    // Reads and verifies the log again (in the background); a reload asked for while one runs follows it.
    void reload();
    // Writes the export in the background; `exported` tells how it went.
    void exportTo(const QString &format, const QString &path);
    void acknowledge(const QString &action, const QString &reason);

signals:
    // A reload finished: the model and the chain state are current.
    void reloaded();
    // An export finished: the error is empty when the file was written.
    void exported(const QString &path, const QString &error);
    void problem(const QString &message);

private:
    struct Loaded;
    void apply(const Loaded &loaded);
    void runInBackground(std::function<void()> work);

    QString m_directory;
    AuditLogModel m_model;
    QPointer<AuditView> m_view;
    std::unique_ptr<QThread> m_worker;
    bool m_reloadPending = false;
    bool m_loading = false;
};

} // namespace rolldeck

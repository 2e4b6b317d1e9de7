#pragma once

#include "models/argocd/Application.h"

#include <QDialog>
#include <QJsonObject>
#include <QList>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QListWidget;

namespace rolldeck {

// What to sync, before the confirmation: the revision (the branch's head, a deployed revision or one typed), prune,
// dry run, and which of the application's resources (all by default), as Argo CD's own sync panel offers.
class SyncOptionsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SyncOptionsDialog(const Application &application, QWidget *parent = nullptr);

    QString revision() const; // empty: the tracked branch's head
    bool prune() const;
    bool dryRun() const;
    // The resources chosen, as Argo CD's sync request names them; empty when all are (a full sync).
    QList<QJsonObject> resources() const;
    int resourceCount() const;

    QComboBox *revisionBox() const { return m_revision; }
    QCheckBox *pruneBox() const { return m_prune; }
    QCheckBox *dryRunBox() const { return m_dryRun; }
    QListWidget *resourceList() const { return m_resources; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    void updateAcceptable();

    Application m_application;
    QComboBox *m_revision = nullptr;
    QCheckBox *m_prune = nullptr;
    QCheckBox *m_dryRun = nullptr;
    QListWidget *m_resources = nullptr;
    QLabel *m_summary = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace rolldeck

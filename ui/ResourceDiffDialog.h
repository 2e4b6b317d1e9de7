#pragma once

#include "models/argocd/ResourceDiff.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;

namespace rolldeck {

// An application's live state against Git, resource by resource: the list (differing ones first, with their line
// counts) and the chosen resource's unified diff, removed lines red and added green, as Argo CD's diff view shows.
class ResourceDiffDialog : public QDialog
{
    Q_OBJECT
public:
    // `revision`: what Git's side is, the tracked branch's head as Argo CD last resolved it (empty: not known).
    ResourceDiffDialog(const QString &application, const QString &revision, const ManagedResources &resources,
                       QWidget *parent = nullptr);

    QListWidget *resourceList() const { return m_list; }
    QPlainTextEdit *diffView() const { return m_diff; }
    QLabel *summary() const { return m_summary; }

private:
    void fillList();
    void showResource(int row);

    ManagedResources m_resources;
    QLabel *m_summary = nullptr;
    QCheckBox *m_showUnchanged = nullptr;
    QListWidget *m_list = nullptr;
    QPlainTextEdit *m_diff = nullptr;
};

} // namespace rolldeck

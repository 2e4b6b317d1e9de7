#include "ResourceDiffDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBlock>
#include <QTextCursor>
#include <QVBoxLayout>

namespace rolldeck {

namespace {

constexpr int kIndexRole = Qt::UserRole + 1;

QString resourceName(const ResourceDiff &d)
{
    const QString where = d.ns.isEmpty() ? d.name : d.ns + QLatin1Char('/') + d.name;
    return d.kind + QLatin1Char(' ') + where;
}

} // namespace

ResourceDiffDialog::ResourceDiffDialog(const QString &application, const QString &revision,
                                       const ManagedResources &resources, QWidget *parent)
    : QDialog(parent), m_resources(resources)
{
    setWindowTitle(revision.isEmpty() ? tr("Diff: %1").arg(application)
                                      : tr("Diff: %1 against Git at %2").arg(application, revision.left(7)));
    setObjectName(QStringLiteral("resource-diff"));
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(8);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    const int differ = resources.modifiedCount();
    const int all = int(resources.items.size());
    QString summary = differ == 0
                          ? tr("The live state matches Git: none of %n resource(s) differs.", nullptr, all)
                          : tr("Live state against Git: %1 of %n resource(s) differ.", nullptr, all).arg(differ);
    if (!revision.isEmpty())
        summary += QLatin1Char(' ') +
                   tr("Git: %1, the tracked branch's head when Argo CD last compared.").arg(revision.left(7));
    m_summary->setText(summary);
    layout->addWidget(m_summary);
    m_showUnchanged = new QCheckBox(tr("Show resources that do not differ"), this);
    m_showUnchanged->setObjectName(QStringLiteral("showUnchanged"));
    layout->addWidget(m_showUnchanged);

    auto *split = new QSplitter(Qt::Horizontal, this);
    m_list = new QListWidget(split);
    m_list->setObjectName(QStringLiteral("resources"));
    m_list->setSpacing(3);
    m_diff = new QPlainTextEdit(split);
    m_diff->setObjectName(QStringLiteral("diff"));
    m_diff->setReadOnly(true);
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    split->setSizes({380, 720});
    layout->addWidget(split, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_showUnchanged, &QCheckBox::toggled, this, &ResourceDiffDialog::fillList);
    connect(m_list, &QListWidget::currentRowChanged, this, &ResourceDiffDialog::showResource);
    fillList();
    resize(1000, 560);
}

void ResourceDiffDialog::fillList()
{
    m_list->clear();
    // Differing and unreadable ones first, in the order Argo CD lists them.
    for (const bool differing : {true, false}) {
        for (int i = 0; i < m_resources.items.size(); ++i) {
            const ResourceDiff &d = m_resources.items.at(i);
            if ((d.modified || !d.error.isEmpty()) != differing || (!differing && !m_showUnchanged->isChecked()))
                continue;
            QString state;
            if (!d.error.isEmpty())
                state = tr("cannot be read");
            else if (d.missing)
                state = tr("missing: in Git, not live");
            else if (d.extra)
                state = tr("not in Git: a sync with prune deletes it");
            else if (d.modified)
                state = tr("differs: −%1 +%2").arg(d.removed).arg(d.added);
            else
                state = tr("same");
            auto *item = new QListWidgetItem(resourceName(d) + QLatin1Char('\n') + state, m_list);
            item->setData(kIndexRole, i);
            if (differing)
                item->setForeground(QColor(0xb0, 0x3a, 0x00));
        }
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    else
        m_diff->setPlainText(tr("No resource differs."));
}

void ResourceDiffDialog::showResource(int row)
{
    m_diff->clear();
    if (row < 0 || row >= m_list->count())
        return;
    const ResourceDiff &d = m_resources.items.at(m_list->item(row)->data(kIndexRole).toInt());
    if (!d.error.isEmpty()) {
        m_diff->setPlainText(tr("Argo CD's answer for this resource cannot be read: %1").arg(d.error));
        return;
    }
    if (d.lines.isEmpty()) {
        m_diff->setPlainText(d.modified ? tr("Argo CD reports a difference that is not in the fields compared here "
                                             "(status and server-set metadata are left out).")
                                        : tr("The live state matches Git."));
        return;
    }
    QTextCursor cursor(m_diff->document());
    QTextCharFormat hunk;
    hunk.setForeground(QColor(0x55, 0x55, 0x99));
    QTextCharFormat removed;
    removed.setBackground(QColor(0xff, 0xe0, 0xe0));
    removed.setForeground(QColor(0x8a, 0x10, 0x10));
    QTextCharFormat added;
    added.setBackground(QColor(0xdc, 0xf5, 0xdc));
    added.setForeground(QColor(0x10, 0x5a, 0x10));
    const QTextCharFormat plain;
    cursor.insertText(tr("− live   + Git") + QLatin1Char('\n'), hunk);
    for (const DiffLine &l : d.lines) {
        switch (l.kind) {
        case DiffLine::Kind::Hunk:
            cursor.insertText(l.text + QLatin1Char('\n'), hunk);
            break;
        case DiffLine::Kind::Removed:
            cursor.insertText(QLatin1Char('-') + l.text + QLatin1Char('\n'), removed);
            break;
        case DiffLine::Kind::Added:
            cursor.insertText(QLatin1Char('+') + l.text + QLatin1Char('\n'), added);
            break;
        case DiffLine::Kind::Context:
            cursor.insertText(QLatin1Char(' ') + l.text + QLatin1Char('\n'), plain);
            break;
        }
    }
    m_diff->moveCursor(QTextCursor::Start);
}

} // namespace rolldeck

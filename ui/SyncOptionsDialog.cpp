#include "SyncOptionsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace rolldeck {

namespace {

constexpr int kResourceIndex = Qt::UserRole + 1;

} // namespace

SyncOptionsDialog::SyncOptionsDialog(const Application &application, QWidget *parent)
    : QDialog(parent), m_application(application)
{
    setWindowTitle(tr("Sync %1").arg(application.name));
    setObjectName(QStringLiteral("sync-options"));
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    auto *form = new QFormLayout;

    m_revision = new QComboBox(this);
    m_revision->setObjectName(QStringLiteral("revision"));
    m_revision->setEditable(true);
    m_revision->setInsertPolicy(QComboBox::NoInsert);
    m_revision->addItem(application.syncRevision.isEmpty()
                            ? tr("HEAD: the newest commit of the tracked branch")
                            : tr("HEAD: the newest commit of the tracked branch (%1 when last compared)")
                                  .arg(Application::shortRevision(application.syncRevision)),
                        QString());
    // Newest first: what was deployed, when and by whom, so an older revision is chosen knowingly.
    for (auto it = application.history.crbegin(); it != application.history.crend(); ++it) {
        const QString when = QLocale().toString(it->deployedAt.toLocalTime(), QLocale::ShortFormat);
        const QString who = it->initiatedBy == QLatin1String("automated") ? tr("auto-sync") : it->initiatedBy;
        const QString current = it == application.history.crbegin() ? tr(" (current)") : QString();
        m_revision->addItem(
            tr("%1: deployed %2 by %3%4")
                .arg(Application::shortRevision(it->revision), when, who.isEmpty() ? tr("?") : who, current),
            it->revision);
    }
    m_revision->lineEdit()->setPlaceholderText(tr("a commit SHA, tag or branch"));
    form->addRow(tr("Revision:"), m_revision);

    m_prune = new QCheckBox(tr("Prune: delete resources that are no longer in Git"), this);
    m_prune->setObjectName(QStringLiteral("prune"));
    form->addRow(QString(), m_prune);
    m_dryRun = new QCheckBox(tr("Dry run: let Argo CD check the sync without changing anything"), this);
    m_dryRun->setObjectName(QStringLiteral("dry-run"));
    form->addRow(QString(), m_dryRun);
    layout->addLayout(form);

    layout->addWidget(new QLabel(tr("Resources to sync:"), this));
    m_resources = new QListWidget(this);
    m_resources->setObjectName(QStringLiteral("resources"));
    for (int i = 0; i < application.resources.size(); ++i) {
        const ApplicationResource &r = application.resources.at(i);
        const QString where = r.ns.isEmpty() ? r.name : r.ns + QLatin1Char('/') + r.name;
        auto *item = new QListWidgetItem(
            tr("%1 %2 (%3)").arg(r.kind, where, r.syncStatus.isEmpty() ? tr("status unknown") : r.syncStatus),
            m_resources);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
        item->setData(kResourceIndex, i);
    }
    layout->addWidget(m_resources);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Continue…"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_resources, &QListWidget::itemChanged, this, &SyncOptionsDialog::updateAcceptable);
    connect(m_revision, &QComboBox::currentTextChanged, this, &SyncOptionsDialog::updateAcceptable);
    updateAcceptable();
    setMinimumWidth(560);
}

QString SyncOptionsDialog::revision() const
{
    const int index = m_revision->currentIndex();
    if (index >= 0 && m_revision->currentText() == m_revision->itemText(index))
        return m_revision->itemData(index).toString();
    return m_revision->currentText().trimmed(); // typed
}

bool SyncOptionsDialog::prune() const
{
    return m_prune->isChecked();
}

bool SyncOptionsDialog::dryRun() const
{
    return m_dryRun->isChecked();
}

int SyncOptionsDialog::resourceCount() const
{
    int checked = 0;
    for (int i = 0; i < m_resources->count(); ++i)
        checked += m_resources->item(i)->checkState() == Qt::Checked ? 1 : 0;
    return checked;
}

QList<QJsonObject> SyncOptionsDialog::resources() const
{
    if (resourceCount() == m_resources->count())
        return {};
    QList<QJsonObject> out;
    for (int i = 0; i < m_resources->count(); ++i) {
        const QListWidgetItem *item = m_resources->item(i);
        if (item->checkState() != Qt::Checked)
            continue;
        const ApplicationResource &r = m_application.resources.at(item->data(kResourceIndex).toInt());
        out << QJsonObject{{QStringLiteral("group"), r.group},
                           {QStringLiteral("kind"), r.kind},
                           {QStringLiteral("name"), r.name},
                           {QStringLiteral("namespace"), r.ns}};
    }
    return out;
}

void SyncOptionsDialog::updateAcceptable()
{
    const int chosen = resourceCount();
    const int all = m_resources->count();
    const bool any = chosen > 0 || all == 0;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(any && !m_revision->currentText().trimmed().isEmpty());
    if (!any)
        m_summary->setText(tr("Choose at least one resource."));
    else if (chosen == all)
        m_summary->setText(tr("All %n resource(s): a full sync, recorded in the application's history.", nullptr, all));
    else
        m_summary->setText(tr("%1 of %n resource(s): a partial sync; Argo CD does not record it in the application's "
                              "history.",
                              nullptr, all)
                               .arg(chosen));
}

} // namespace rolldeck

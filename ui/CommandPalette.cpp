#include "CommandPalette.h"

#include "models/itemmodels/EnvironmentSummaryModel.h"
#include "models/itemmodels/RolloutListModel.h"
#include "StatusStyle.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

#include <algorithm>

#include <utility>

namespace rolldeck {

namespace {

constexpr int kMaxResults = 12;

enum ItemRole { KindRole = Qt::UserRole + 1, ClusterRole, NamespaceRole, NameRole, KeyRole, VerbRole };
enum Kind { RolloutItem, EnvironmentItem, ActionItem, ViewItem };

} // namespace

CommandPalette::CommandPalette(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("commandPalette"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("paletteEdit"));
    m_edit->setPlaceholderText(tr("Go to a rollout or an environment…"));
    QFont f = m_edit->font();
    f.setPointSizeF(f.pointSizeF() * 1.2);
    m_edit->setFont(f);
    layout->addWidget(m_edit);
    m_results = new QListWidget(this);
    m_results->setObjectName(QStringLiteral("paletteResults"));
    m_results->setFocusPolicy(Qt::NoFocus);
    layout->addWidget(m_results);
    connect(m_edit, &QLineEdit::textChanged, this, &CommandPalette::refill);
    connect(m_results, &QListWidget::itemActivated, this, &CommandPalette::activate);
    connect(m_results, &QListWidget::itemClicked, this, &CommandPalette::activate);
    m_edit->installEventFilter(this);
    hide();
}

void CommandPalette::setModels(RolloutListModel *rollouts, EnvironmentSummaryModel *environments)
{
    m_rollouts = rollouts;
    m_environments = environments;
}

void CommandPalette::addView(const QString &id, const QString &text, const QKeySequence &key)
{
    m_views.append({id, text, key});
}

void CommandPalette::popup()
{
    QWidget *host = parentWidget();
    const int w = std::min(640, host->width() - 40);
    setGeometry((host->width() - w) / 2, 60, w, std::min(440, host->height() - 80));
    m_edit->clear();
    refill();
    show();
    raise();
    m_edit->setFocus(Qt::PopupFocusReason);
}

int CommandPalette::fuzzyScore(const QString &pattern, const QString &text)
{
    if (pattern.isEmpty())
        return 0;
    int score = 0;
    int at = 0;
    int previous = -2;
    for (const QChar c : pattern) {
        if (c.isSpace())
            continue;
        const int found = int(text.indexOf(c, at, Qt::CaseInsensitive));
        if (found < 0)
            return -1;
        score += 1;
        if (found == previous + 1)
            score += 8; // consecutive letters: a run beats letters that each start a one-letter "word"
        if (found == 0 || !text.at(found - 1).isLetterOrNumber())
            score += 6; // the start of a word: "pa" → "payments"
        previous = found;
        at = found + 1;
    }
    return score * 100 - int(text.size()); // shorter names first among equals
}

void CommandPalette::refill()
{
    m_results->clear();
    const QString pattern = m_edit->text().trimmed();
    struct Hit
    {
        int score;
        QListWidgetItem *item;
    };
    QList<Hit> hits;
    if (m_environments) {
        for (int r = 0; r < m_environments->rowCount(); ++r) {
            const QString key = m_environments->index(r).data(EnvironmentSummaryModel::KeyRole).toString();
            const int score = fuzzyScore(pattern, key);
            if (score < 0)
                continue;
            auto *item = new QListWidgetItem(tr("Environment: %1").arg(key));
            item->setData(KindRole, EnvironmentItem);
            item->setData(KeyRole, key);
            hits.append({score + 50, item}); // an environment by its full name comes first
        }
    }
    if (m_rollouts) {
        for (int r = 0; r < m_rollouts->rowCount(); ++r) {
            const RolloutRow &row = m_rollouts->rowAt(r);
            const QString path = row.namespaceName + u'/' + row.name;
            const int score = std::max(fuzzyScore(pattern, row.name), fuzzyScore(pattern, path));
            if (score < 0)
                continue;
            auto *item = new QListWidgetItem(statusIconFor(statusSeverity(row.status)),
                                             tr("%1  ·  %2  ·  %3").arg(path, row.cluster, row.status));
            item->setData(KindRole, RolloutItem);
            item->setData(ClusterRole, row.cluster);
            item->setData(NamespaceRole, row.namespaceName);
            item->setData(NameRole, row.name);
            hits.append({score + (row.needsAttention() ? 1 : 0), item});
        }
        // The actions a rollout's state allows, typed as they are said: "promote web", "abort pay".
        for (int r = 0; r < m_rollouts->rowCount(); ++r) {
            const RolloutRow &row = m_rollouts->rowAt(r);
            const QString path = row.namespaceName + u'/' + row.name;
            QList<std::pair<QString, QString>> verbs; // verb, what the person reads
            if (row.status == u"Paused")
                verbs.append({QStringLiteral("promote"), tr("Promote %1").arg(path)});
            if (row.status == u"Paused" || row.status == u"Progressing")
                verbs.append({QStringLiteral("abort"), tr("Abort %1").arg(path)});
            for (const auto &[verb, text] : verbs) {
                if (pattern.isEmpty())
                    continue; // actions only when asked for: the empty palette lists places to go
                const int score = std::max(fuzzyScore(pattern, text), fuzzyScore(pattern, verb + u' ' + row.name));
                if (score < 0)
                    continue;
                auto *item = new QListWidgetItem(tr("%1  ·  %2 (confirmation follows)").arg(text, row.cluster));
                item->setData(KindRole, ActionItem);
                item->setData(ClusterRole, row.cluster);
                item->setData(NamespaceRole, row.namespaceName);
                item->setData(NameRole, row.name);
                item->setData(VerbRole, verb);
                hits.append({score, item});
            }
        }
    }
    // The window's views ("experiments"), when asked for: the empty palette lists rollouts and environments.
    for (const View &view : std::as_const(m_views)) {
        const int score = pattern.isEmpty() ? -1 : fuzzyScore(pattern, view.text);
        if (score < 0)
            continue;
        const QString key = view.key.toString(QKeySequence::NativeText);
        auto *item = new QListWidgetItem(key.isEmpty() ? tr("View: %1").arg(view.text)
                                                       : tr("View: %1  ·  %2").arg(view.text, key));
        item->setData(KindRole, ViewItem);
        item->setData(KeyRole, view.id);
        hits.append({score + 40, item});
    }
    std::stable_sort(hits.begin(), hits.end(), [](const Hit &a, const Hit &b) { return a.score > b.score; });
    for (int i = 0; i < hits.size(); ++i) {
        if (i < kMaxResults)
            m_results->addItem(hits[i].item);
        else
            delete hits[i].item;
    }
    if (m_results->count() > 0)
        m_results->setCurrentRow(0);
}

void CommandPalette::activate(QListWidgetItem *item)
{
    if (!item)
        return;
    hide();
    if (item->data(KindRole).toInt() == EnvironmentItem)
        emit environmentChosen(item->data(KeyRole).toString());
    else if (item->data(KindRole).toInt() == ViewItem)
        emit viewChosen(item->data(KeyRole).toString());
    else if (item->data(KindRole).toInt() == ActionItem)
        emit actionChosen(item->data(ClusterRole).toString(), item->data(NamespaceRole).toString(),
                          item->data(NameRole).toString(), item->data(VerbRole).toString());
    else
        emit rolloutChosen(item->data(ClusterRole).toString(), item->data(NamespaceRole).toString(),
                           item->data(NameRole).toString());
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Escape:
            hide();
            return true;
        case Qt::Key_Down:
        case Qt::Key_Up: {
            const int step = key->key() == Qt::Key_Down ? 1 : -1;
            const int row = std::clamp(m_results->currentRow() + step, 0, std::max(0, m_results->count() - 1));
            m_results->setCurrentRow(row);
            return true;
        }
        case Qt::Key_Return:
        case Qt::Key_Enter:
            activate(m_results->currentItem());
            return true;
        default:
            break;
        }
    }
    if (watched == m_edit && event->type() == QEvent::FocusOut && !m_results->underMouse())
        hide();
    return QFrame::eventFilter(watched, event);
}

} // namespace rolldeck

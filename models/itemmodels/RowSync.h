#pragma once

#include <QHash>
#include <QSet>
#include <QString>

#include <iterator>
#include <utility>

namespace rolldeck {

// Makes `rows` equal to `fresh`, row by row matched by key, with the fewest model signals: rows whose key is gone
// are removed by contiguous ranges, rows that moved are moved, runs of new rows are inserted at once, and a row
// kept in place is handed to the model to compare and update. `rows` and `fresh` are random-access containers
// (QList, std::vector) of the same row type; `fresh` is consumed.
//
// `model` supplies the keys and the model's own signals (they are protected members of QAbstractItemModel, so a
// model passes a small adapter of its own):
//   QString key(const Row &) const;
//   void beginRemove(int first, int last);   void endRemove();
//   void beginMove(int from, int to);        void endMove();
//   void beginInsert(int first, int last);   void endInsert();
//   void adopt(Row &row);                    // a fresh row about to be inserted (e.g. set its parent)
//   void update(int index, Row &kept, Row &&fresh); // the row at `index` stays: copy what changed, emit dataChanged
template <typename Rows, typename Model>
void syncRowsByKey(Rows &rows, Rows &&fresh, Model &model)
{
    // 1. Rows whose key is gone, by contiguous ranges from the end.
    QSet<QString> wanted;
    for (const auto &row : fresh)
        wanted.insert(model.key(row));
    for (int last = int(std::size(rows)) - 1; last >= 0;) {
        if (wanted.contains(model.key(rows[last]))) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !wanted.contains(model.key(rows[first - 1])))
            --first;
        model.beginRemove(first, last);
        rows.erase(rows.begin() + first, rows.begin() + last + 1);
        model.endRemove();
        last = first - 1;
    }
    // 2. In the new order: keep and update, move into place, or insert (contiguous new rows at once).
    QSet<QString> present;
    for (const auto &row : rows)
        present.insert(model.key(row));
    for (int i = 0; i < int(std::size(fresh));) {
        const QString key = model.key(fresh[i]);
        if (i < int(std::size(rows)) && model.key(rows[i]) == key) {
            model.update(i, rows[i], std::move(fresh[i]));
            ++i;
            continue;
        }
        int found = -1;
        for (int j = i + 1; j < int(std::size(rows)); ++j) {
            if (model.key(rows[j]) == key) {
                found = j;
                break;
            }
        }
        if (found >= 0) {
            model.beginMove(found, i);
            auto moving = std::move(rows[found]);
            rows.erase(rows.begin() + found);
            rows.insert(rows.begin() + i, std::move(moving));
            model.endMove();
            continue; // compared on the next pass, at the same i
        }
        int end = i + 1;
        while (end < int(std::size(fresh)) && !present.contains(model.key(fresh[end])))
            ++end;
        model.beginInsert(i, end - 1);
        for (int k = i; k < end; ++k) {
            model.adopt(fresh[k]);
            rows.insert(rows.begin() + k, std::move(fresh[k]));
        }
        model.endInsert();
        i = end;
    }
}

} // namespace rolldeck

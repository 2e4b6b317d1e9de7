#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace rolldeck {

struct Attention;
struct RolloutRow;

// One row of `rolldeck status --json`: its fields as a JSON object (the --watch lines), and the same object written
// straight into `out` as QJsonDocument::Indented writes it, nested `indent` spaces deep (the listing of thousands of
// rows, without a QJsonObject and a document for each).
QJsonObject statusRowJson(const RolloutRow &row, const Attention &attention);
void writeStatusRowIndented(QByteArray &out, const RolloutRow &row, const Attention &attention, int indent);

} // namespace rolldeck

#pragma once

#include "models/stats/Experiment.h"

#include <QColor>
#include <QList>
#include <QWidget>

class QPainter;
class QPushButton;

namespace rolldeck {

// One A/B test, painted: the verdict in words; the configured and the observed split as two bars with the
// sample-ratio check; the progress towards the planned sample with the time left; per metric each variant's value,
// the difference with its fixed-horizon interval and its always-valid confidence sequence drawn on one axis, the
// effect size, the test used and why, the always-valid p-value (mSPRT) and the fixed-horizon p-value, greyed out
// and labelled until the planned sample is reached. "Edit split…" asks for the split editor.
class ExperimentDetail : public QWidget
{
    Q_OBJECT
public:
    explicit ExperimentDetail(QWidget *parent = nullptr);

    void setSnapshot(const stats::ExperimentSnapshot &snapshot);
    void clear();
    bool isEmpty() const { return m_snapshot.name.isEmpty(); }
    const stats::ExperimentSnapshot &snapshot() const { return m_snapshot; }
    QPushButton *editSplitButton() const { return m_edit; }

    // What was painted last, in order, with the colour of each text (tests; the greyed fixed-horizon p-value).
    struct PaintedText
    {
        QString text;
        QColor color;
    };
    const QList<PaintedText> &painted() const { return m_painted; }
    // The texts of painted() alone, joined by newlines.
    QString paintedText() const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;

signals:
    void editSplitRequested();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Pen; // the painter or nothing (measuring), the running y and what was painted
    int layout(QPainter *painter, int width) const;
    void paintSplit(Pen &pen, int x, int width) const;
    void paintProgress(Pen &pen, int x, int width) const;
    void paintMetric(Pen &pen, int x, int width, int index) const;
    void paintInterval(Pen &pen, int x, int width, int index) const;
    void updateHeight();

    stats::ExperimentSnapshot m_snapshot;
    QPushButton *m_edit = nullptr;
    mutable QList<PaintedText> m_painted;
};

} // namespace rolldeck

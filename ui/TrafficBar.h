#pragma once

#include <QRectF>
#include <QString>
#include <QWidget>

namespace rolldeck {

struct RolloutInfo;

// How a rollout's user traffic is split, as the bar draws it.
struct TrafficSplit
{
    bool valid = false;
    bool blueGreen = false;       // active against preview, else stable against canary
    int setWeight = 0;            // the share the rollout wants on the new side (canary / preview)
    int observedWeight = 0;       // the share it has: what the router reports, or the replica share
    bool followsReplicas = false; // no traffic router: routing follows the share of available pods
    int maxWeight = 100;
    bool promoted = false; // canary past its last step: the new revision is the stable one and takes all traffic

    friend bool operator==(const TrafficSplit &, const TrafficSplit &) = default;
};

// A painted bar: stable against canary (or active against preview), filled to the observed weight, with a marker
// at the set weight when they differ, and a caption that says whether routing follows the replica share.
class TrafficBar : public QWidget
{
    Q_OBJECT
public:
    explicit TrafficBar(QWidget *parent = nullptr);

    static TrafficSplit splitFor(const RolloutInfo &info);
    void setSplit(const TrafficSplit &split);
    const TrafficSplit &split() const { return m_split; }
    void setStale(bool stale);
    void setScale(double scale);

    // "Set 25 %, observed 20 % · routing follows the replica share (no traffic router)" (translated).
    QString caption() const;
    QString newSideName() const; // "canary" / "preview"
    QString oldSideName() const; // "stable" / "active"

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    // Where the bar itself is drawn, and the x of a new-side weight on it (the new side fills from the right).
    QRectF barRect() const;
    double xForWeight(double weight) const;
    QFont scaledFont(double factor, bool bold = false) const;
    double scale() const { return m_scale; }
    bool isStale() const { return m_stale; }

private:
    TrafficSplit m_split;
    bool m_stale = false;
    double m_scale = 1.0;
};

} // namespace rolldeck

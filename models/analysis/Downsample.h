#pragma once

#include <QPointF>

#include <vector>

namespace rolldeck::analysis {

// Largest-triangle-three-buckets (Steinarsson 2013): keeps the first and last point and, from each of
// `threshold - 2` buckets between them, the point that spans the largest triangle with the point kept before it
// and the average of the next bucket, so spikes survive. Returns at most `threshold` points, in order; input
// with no more points than that comes back as it is. Points whose y is not finite are never averaged in.
std::vector<QPointF> downsampleLttb(const std::vector<QPointF> &points, int threshold);

// What a chart `pixels` wide draws of a series: never more points than pixels.
inline std::vector<QPointF> downsampleForWidth(const std::vector<QPointF> &points, int pixels)
{
    return downsampleLttb(points, pixels < 0 ? 0 : pixels);
}

} // namespace rolldeck::analysis

#include "analysis/Downsample.h"

#include <cmath>

namespace rolldeck::analysis {

namespace {

// The average of the points in [begin, end), over the finite y values only; `fallback` for y when none is.
QPointF bucketAverage(const std::vector<QPointF> &points, size_t begin, size_t end, double fallbackY)
{
    double x = 0;
    double y = 0;
    size_t finite = 0;
    for (size_t i = begin; i < end; ++i) {
        x += points[i].x();
        if (std::isfinite(points[i].y())) {
            y += points[i].y();
            ++finite;
        }
    }
    const size_t n = end > begin ? end - begin : 1;
    return {x / double(n), finite ? y / double(finite) : fallbackY};
}

} // namespace

std::vector<QPointF> downsampleLttb(const std::vector<QPointF> &points, int threshold)
{
    const size_t n = points.size();
    if (threshold <= 0)
        return {};
    if (size_t(threshold) >= n)
        return points;
    if (threshold < 3) {
        std::vector<QPointF> ends{points.front()};
        if (threshold == 2)
            ends.push_back(points.back());
        return ends;
    }
    std::vector<QPointF> out;
    out.reserve(size_t(threshold));
    out.push_back(points.front());
    const double every = double(n - 2) / double(threshold - 2);
    size_t a = 0;
    for (int bucket = 0; bucket < threshold - 2; ++bucket) {
        const size_t begin = size_t(std::floor(bucket * every)) + 1;
        const size_t end = std::min(size_t(std::floor((bucket + 1) * every)) + 1, n - 1);
        const size_t nextBegin = end;
        const size_t nextEnd = std::min(size_t(std::floor((bucket + 2) * every)) + 1, n);
        const QPointF &pa = points[a];
        const QPointF next = bucketAverage(points, nextBegin, std::max(nextEnd, nextBegin + 1), pa.y());
        size_t chosen = begin;
        double largest = -1;
        for (size_t j = begin; j < end; ++j) {
            const double area = std::fabs((pa.x() - next.x()) * (points[j].y() - pa.y()) -
                                          (pa.x() - points[j].x()) * (next.y() - pa.y()));
            if (area > largest) { // NaN never wins; the first point of the bucket stands in
                largest = area;
                chosen = j;
            }
        }
        out.push_back(points[chosen]);
        a = chosen;
    }
    out.push_back(points.back());
    return out;
}

} // namespace rolldeck::analysis

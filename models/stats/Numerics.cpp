#include "stats/Numerics.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/non_central_t.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/sort/spreadsort/float_sort.hpp>

namespace rolldeck::stats {

using boost::math::complement;

double normalUpperTail(double z)
{
    return boost::math::cdf(complement(boost::math::normal(), z));
}

double normalUpperQuantile(double p)
{
    return boost::math::quantile(complement(boost::math::normal(), p));
}

double studentUpperTail(double t, double df)
{
    return boost::math::cdf(complement(boost::math::students_t(df), t));
}

double studentUpperQuantile(double p, double df)
{
    return boost::math::quantile(complement(boost::math::students_t(df), p));
}

double noncentralTUpperTail(double t, double df, double ncp)
{
    return boost::math::cdf(complement(boost::math::non_central_t(df, ncp), t));
}

double chiSquareUpperTail(double x, double df)
{
    return boost::math::cdf(complement(boost::math::chi_squared(df), x));
}

void sortFinite(std::vector<double> &values)
{
    boost::sort::spreadsort::float_sort(values.begin(), values.end());
}

} // namespace rolldeck::stats

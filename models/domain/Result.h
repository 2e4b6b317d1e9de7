#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace rolldeck {

// A failure is a value (STYLE.md): either a T or a message that says what went wrong and where.
// Messages are untranslated technical text; ui/ translates its own framing around them.
template <typename T>
class Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    static Result failure(QString message)
    {
        Result r;
        r.m_error = std::move(message);
        return r;
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    const T &operator*() const { return *m_value; }
    const QString &error() const { return m_error; }

private:
    Result() = default;
    std::optional<T> m_value;
    QString m_error;
};

struct Ok
{
};
using Status = Result<Ok>;

} // namespace rolldeck

// Label and field selectors as the Kubernetes API server parses them from ?labelSelector= and
// ?fieldSelector=.
//
// Usage:
//   auto sel = rdsim::LabelSelector::parse("app=api,tier in (web,edge),!legacy");
//   if (!sel) error(sel.error);            // BadRequest message
//   bool ok = sel.selector->matches(object["metadata"]["labels"]);
//   auto fs = rdsim::FieldSelector::parse("metadata.name=api");  fs.selector->matches(object);
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace rdsim {

class LabelSelector
{
public:
    enum class Op { Equals, NotEquals, In, NotIn, Exists, DoesNotExist };
    struct Requirement
    {
        std::string key;
        Op op = Op::Exists;
        std::vector<std::string> values;
    };
    struct Parsed;

    static Parsed parse(const std::string &text);
    // Builds one from a LabelSelector object (matchLabels + matchExpressions).
    static LabelSelector fromObject(const nlohmann::json &selector);
    bool matches(const nlohmann::json &labels) const; // labels: object or null
    bool empty() const { return m_requirements.empty(); }
    std::string toString() const;
    const std::vector<Requirement> &requirements() const { return m_requirements; }

private:
    std::vector<Requirement> m_requirements;
};

struct LabelSelector::Parsed
{
    std::optional<LabelSelector> selector;
    std::string error;
    explicit operator bool() const { return selector.has_value(); }
};

class FieldSelector
{
public:
    struct Requirement
    {
        std::string field; // metadata.name, metadata.namespace, status.phase, ...
        bool equals = true;
        std::string value;
    };
    struct Parsed;
    static Parsed parse(const std::string &text);
    bool matches(const nlohmann::json &object) const;
    bool empty() const { return m_requirements.empty(); }

private:
    std::vector<Requirement> m_requirements;
};

struct FieldSelector::Parsed
{
    std::optional<FieldSelector> selector;
    std::string error;
    explicit operator bool() const { return selector.has_value(); }
};

} // namespace rdsim

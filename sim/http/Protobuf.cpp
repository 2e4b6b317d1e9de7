#include "Protobuf.h"

#include <cstdint>
#include <map>
#include <vector>

namespace rdsim {

namespace {

// Length-delimited fields of one message, by field number; other wire types are skipped.
using Fields = std::multimap<std::uint32_t, std::string>;

bool readVarint(const std::string &buf, std::size_t &pos, std::uint64_t &value)
{
    value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= buf.size())
            return false;
        const auto byte = static_cast<unsigned char>(buf[pos++]);
        value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return true;
    }
    return false;
}

std::optional<Fields> parseMessage(const std::string &buf)
{
    Fields fields;
    std::size_t pos = 0;
    while (pos < buf.size()) {
        std::uint64_t key;
        if (!readVarint(buf, pos, key))
            return std::nullopt;
        const auto field = static_cast<std::uint32_t>(key >> 3);
        switch (key & 7) {
        case 0: {
            std::uint64_t ignored;
            if (!readVarint(buf, pos, ignored))
                return std::nullopt;
            break;
        }
        case 1:
            if (pos + 8 > buf.size())
                return std::nullopt;
            pos += 8;
            break;
        case 2: {
            std::uint64_t len;
            if (!readVarint(buf, pos, len) || len > buf.size() - pos)
                return std::nullopt;
            fields.emplace(field, buf.substr(pos, len));
            pos += len;
            break;
        }
        case 5:
            if (pos + 4 > buf.size())
                return std::nullopt;
            pos += 4;
            break;
        default:
            return std::nullopt;
        }
    }
    return fields;
}

std::string field(const Fields &f, std::uint32_t n)
{
    auto it = f.find(n);
    return it == f.end() ? std::string() : it->second;
}

} // namespace

bool isKubernetesProtobuf(const std::string &body)
{
    return body.size() >= 4 && body.compare(0, 4, std::string("k8s\0", 4)) == 0;
}

std::optional<nlohmann::json> decodeSelfSubjectAccessReview(const std::string &body, std::string *error)
{
    auto fail = [error](const char *why) -> std::optional<nlohmann::json> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (!isKubernetesProtobuf(body))
        return fail("missing the k8s protobuf envelope");
    auto unknown = parseMessage(body.substr(4));
    if (!unknown)
        return fail("malformed runtime.Unknown");
    nlohmann::json out = nlohmann::json::object();
    if (auto typeMeta = parseMessage(field(*unknown, 1))) {
        out["apiVersion"] = field(*typeMeta, 1);
        out["kind"] = field(*typeMeta, 2);
    }
    auto review = parseMessage(field(*unknown, 2));
    if (!review)
        return fail("malformed SelfSubjectAccessReview");
    auto spec = parseMessage(field(*review, 2));
    if (!spec)
        return fail("malformed SelfSubjectAccessReviewSpec");
    nlohmann::json jspec = nlohmann::json::object();
    if (spec->count(1)) {
        auto ra = parseMessage(field(*spec, 1));
        if (!ra)
            return fail("malformed ResourceAttributes");
        static const char *names[] = {"", "namespace", "verb", "group", "version", "resource", "subresource", "name"};
        nlohmann::json attrs = nlohmann::json::object();
        for (std::uint32_t i = 1; i <= 7; ++i) {
            if (ra->count(i))
                attrs[names[i]] = field(*ra, i);
        }
        jspec["resourceAttributes"] = attrs;
    }
    if (spec->count(2)) {
        auto nra = parseMessage(field(*spec, 2));
        if (!nra)
            return fail("malformed NonResourceAttributes");
        nlohmann::json attrs = nlohmann::json::object();
        if (nra->count(1))
            attrs["path"] = field(*nra, 1);
        if (nra->count(2))
            attrs["verb"] = field(*nra, 2);
        jspec["nonResourceAttributes"] = attrs;
    }
    out["spec"] = jspec;
    return out;
}

} // namespace rdsim

#include "AuditChain.h"

#include <QDateTime>
#include <QJsonDocument>

#include <openssl/evp.h>

#include <array>
#include <cstring>
#include <string_view>

namespace rolldeck::audit {

namespace {

// Lower-case hex digits, the only characters of a hash; a table because verify checks 128 of them per record.
constexpr std::array<bool, 256> kIsHex = [] {
    std::array<bool, 256> table{};
    for (char c : std::string_view("0123456789abcdef"))
        table[static_cast<unsigned char>(c)] = true;
    return table;
}();

bool isHex(const char *p, int n)
{
    bool ok = true;
    for (int i = 0; i < n; ++i)
        ok &= kIsHex[static_cast<unsigned char>(p[i])];
    return ok;
}

// Reads `"name":"value"` at `pos`, preceded by ','. Values in the header hold no escapes.
bool readString(const char *line, qsizetype length, qsizetype &pos, const char *name, QByteArray &out)
{
    const qsizetype nameLength = qsizetype(std::strlen(name));
    if (pos + nameLength + 5 > length || line[pos] != ',' || line[pos + 1] != '"' ||
        std::memcmp(line + pos + 2, name, size_t(nameLength)) != 0 || line[pos + 2 + nameLength] != '"' ||
        line[pos + 3 + nameLength] != ':' || line[pos + 4 + nameLength] != '"')
        return false;
    const qsizetype start = pos + 5 + nameLength;
    const void *end = std::memchr(line + start, '"', size_t(length - start));
    if (!end)
        return false;
    const qsizetype stop = static_cast<const char *>(end) - line;
    out = QByteArray(line + start, stop - start);
    if (out.contains('\\'))
        return false;
    pos = stop + 1;
    return true;
}

} // namespace

QByteArray genesisHash()
{
    return QByteArray(kHashHexLength, '0');
}

std::optional<RecordHeader> parseHeader(const char *line, qsizetype length)
{
    static constexpr char kStart[] = "{\"hash\":\"";
    static constexpr char kPrev[] = "\",\"prev\":\"";
    static constexpr char kSeq[] = "\",\"seq\":";
    constexpr qsizetype prevAt = 9 + kHashHexLength;
    constexpr qsizetype prevValueAt = prevAt + 10;
    constexpr qsizetype seqAt = prevValueAt + kHashHexLength;
    if (length < seqAt + 9 || std::memcmp(line, kStart, 9) != 0 || !isHex(line + 9, kHashHexLength) ||
        std::memcmp(line + prevAt, kPrev, 10) != 0 || !isHex(line + prevValueAt, kHashHexLength) ||
        std::memcmp(line + seqAt, kSeq, 8) != 0)
        return std::nullopt;
    RecordHeader h;
    h.hash = QByteArray(line + 9, kHashHexLength);
    h.prev = QByteArray(line + prevValueAt, kHashHexLength);
    qsizetype pos = seqAt + 8;
    const qsizetype digitsAt = pos;
    while (pos < length && line[pos] >= '0' && line[pos] <= '9' && pos - digitsAt < 18)
        h.seq = h.seq * 10 + (line[pos++] - '0');
    if (pos == digitsAt || line[digitsAt] == '0')
        return std::nullopt;
    if (!readString(line, length, pos, "time", h.time) || !readString(line, length, pos, "type", h.type) ||
        !readString(line, length, pos, "action", h.action))
        return std::nullopt;
    if (pos >= length || (line[pos] != ',' && line[pos] != '}') || line[length - 1] != '}')
        return std::nullopt;
    return h;
}

// The lower-case hex SHA-256 of the canonical bytes of `line` into `hex` (kHashHexLength characters).
static void canonicalHashHex(const char *line, qsizetype length, char *hex)
{
    // One digest context per thread, reused: creating one per record would cost more than hashing ~400 bytes.
    thread_local EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestLength = 0;
    EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
    EVP_DigestUpdate(ctx, "{", 1);
    if (length > kHashMemberLength)
        EVP_DigestUpdate(ctx, line + kHashMemberLength, size_t(length - kHashMemberLength));
    EVP_DigestFinal_ex(ctx, digest, &digestLength);
    static constexpr char kHex[] = "0123456789abcdef";
    for (unsigned int i = 0; i < digestLength && i < kHashHexLength / 2; ++i) {
        hex[2 * i] = kHex[digest[i] >> 4];
        hex[2 * i + 1] = kHex[digest[i] & 0xf];
    }
}

QByteArray canonicalHash(const char *line, qsizetype length)
{
    QByteArray hex(kHashHexLength, Qt::Uninitialized);
    canonicalHashHex(line, length, hex.data());
    return hex;
}

bool hashMatches(const char *line, qsizetype length)
{
    if (length <= kHashMemberLength || std::memcmp(line, "{\"hash\":\"", 9) != 0)
        return false;
    char hex[kHashHexLength];
    canonicalHashHex(line, length, hex);
    return std::memcmp(hex, line + 9, kHashHexLength) == 0;
}

QByteArray buildRecordLine(const QByteArray &prev, qint64 seq, const QByteArray &time, const QByteArray &type,
                           const QByteArray &action, QJsonObject fields, QByteArray *hashOut)
{
    for (const char *reserved : {"hash", "prev", "seq", "time", "type", "action"})
        fields.remove(QLatin1String(reserved));
    // The hash member's placeholder has the final length, so the canonical bytes are known before it is filled.
    QByteArray line = "{\"hash\":\"" + QByteArray(kHashHexLength, '0') + "\",\"prev\":\"" + prev +
                      "\",\"seq\":" + QByteArray::number(seq) + ",\"time\":\"" + time + "\",\"type\":\"" + type +
                      "\",\"action\":\"" + action + '"';
    if (fields.isEmpty()) {
        line += '}';
    } else {
        const QByteArray body = QJsonDocument(fields).toJson(QJsonDocument::Compact); // keys sorted
        line += ',';
        line += body.mid(1);
    }
    const QByteArray hash = canonicalHash(line.constData(), line.size());
    std::memcpy(line.data() + 9, hash.constData(), kHashHexLength);
    if (hashOut)
        *hashOut = hash;
    return line;
}

QByteArray nowText()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1();
}

} // namespace rolldeck::audit

#include "AuditLog.h"

#include "audit/AuditChain.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rolldeck::audit {

Q_LOGGING_CATEGORY(lcAudit, "rolldeck.audit")

namespace {

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// Closes a descriptor on every path.
struct Fd
{
    int fd = -1;
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

void syncDirectory(const QString &directory)
{
    Fd dir{::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (dir.fd >= 0)
        ::fsync(dir.fd);
}

bool writeAll(int fd, const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

// The head names the chain's last record, so removing records from the end shows. Rewritten in place with a fixed
// width (no truncation: ext4 flushes a file truncated and rewritten when it is closed, which doubled the append's
// tail latency). Not fsync'd: after a crash it may lag behind the log, which verify accepts as long as the record
// it names is in the chain.
void writeHead(const QString &path, qint64 seq, const QByteArray &hash)
{
    Fd head{::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600)};
    if (head.fd < 0)
        return;
    const QByteArray text = QByteArray::number(seq).rightJustified(20, '0') + ' ' + hash + '\n';
    if (::pwrite(head.fd, text.constData(), size_t(text.size()), 0) != text.size())
        qCWarning(lcAudit) << "could not write" << path;
}

} // namespace

AuditLog::AuditLog() : AuditLog(Options{}) {}

AuditLog::AuditLog(Options options) : m_options(std::move(options))
{
    if (m_options.directory.isEmpty())
        m_options.directory = defaultDirectory();
}

QString AuditLog::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/audit");
}

QStringList AuditLog::files() const
{
    return filesIn(m_options.directory);
}

QStringList AuditLog::filesIn(const QString &directory)
{
    // Rotated files are named by the sequence number of their first record, zero-padded: name order is chain order.
    const QDir dir(directory);
    QStringList out;
    const QStringList rotated = dir.entryList({QStringLiteral("audit-*.jsonl")}, QDir::Files, QDir::Name);
    for (const QString &name : rotated)
        out << dir.filePath(name);
    if (dir.exists(currentFileName()))
        out << dir.filePath(currentFileName());
    return out;
}

Result<AuditLog::Tail> AuditLog::readTail(const QString &path) const
{
    Fd f{::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC)};
    if (f.fd < 0)
        return Result<Tail>::failure(QStringLiteral("%1: %2").arg(path, errnoText()));
    struct stat st
    {
    };
    ::fstat(f.fd, &st);
    if (st.st_size == 0)
        return Result<Tail>::failure(QString()); // empty: the caller looks further back
    const qint64 window = qMin<qint64>(st.st_size, 1 << 20);
    QByteArray buffer(window, Qt::Uninitialized);
    if (::pread(f.fd, buffer.data(), size_t(window), st.st_size - window) != window)
        return Result<Tail>::failure(QStringLiteral("%1: %2").arg(path, errnoText()));
    if (!buffer.endsWith('\n'))
        return Result<Tail>::failure(
            QStringLiteral("%1 ends in an incomplete record; run `rolldeck audit verify`").arg(path));
    buffer.chop(1);
    const qsizetype start = buffer.lastIndexOf('\n') + 1;
    const auto header = parseHeader(buffer.constData() + start, buffer.size() - start);
    if (!header || canonicalHash(buffer.constData() + start, buffer.size() - start) != header->hash)
        return Result<Tail>::failure(
            QStringLiteral("the last record of %1 is damaged; run `rolldeck audit verify`").arg(path));
    return Tail{header->seq, header->hash};
}

// The last record of the chain: in the current file, or in the newest rotated file when the current one is new.
Result<AuditLog::Tail> AuditLog::chainTail(qint64 currentSize)
{
    const QString current = QDir(m_options.directory).filePath(currentFileName());
    if (currentSize > 0)
        return readTail(current);
    QStringList all = files();
    all.removeAll(current);
    if (all.isEmpty())
        return Tail{0, genesisHash()};
    Result<Tail> tail = readTail(all.last());
    if (!tail && tail.error().isEmpty())
        return Result<Tail>::failure(QStringLiteral("%1 is empty").arg(all.last()));
    return tail;
}

Status AuditLog::rotate()
{
    const QDir dir(m_options.directory);
    const QString current = dir.filePath(currentFileName());
    QFile file(current);
    if (!file.open(QIODevice::ReadOnly))
        return Status::failure(QStringLiteral("%1: %2").arg(current, file.errorString()));
    const QByteArray first = file.readLine(4096);
    const auto header = parseHeader(first.constData(), first.endsWith('\n') ? first.size() - 1 : first.size());
    if (!header)
        return Status::failure(QStringLiteral("%1: line 1 is not an audit record").arg(current));
    const QString target = dir.filePath(QStringLiteral("audit-%1.jsonl").arg(header->seq, 12, 10, QLatin1Char('0')));
    if (::rename(QFile::encodeName(current).constData(), QFile::encodeName(target).constData()) != 0)
        return Status::failure(QStringLiteral("%1: %2").arg(target, errnoText()));
    syncDirectory(m_options.directory);
    return Ok{};
}

Result<AppendedRecord> AuditLog::append(const QByteArray &type, const QByteArray &actionId, const QJsonObject &fields)
{
    using R = Result<AppendedRecord>;
    if (!QDir().mkpath(m_options.directory))
        return R::failure(QStringLiteral("%1: cannot create the audit directory").arg(m_options.directory));
    ::chmod(QFile::encodeName(m_options.directory).constData(), 0700);
    const QDir dir(m_options.directory);
    Fd lock{::open(QFile::encodeName(dir.filePath(QStringLiteral("audit.lock"))).constData(),
                   O_RDWR | O_CREAT | O_CLOEXEC, 0600)};
    if (lock.fd < 0)
        return R::failure(QStringLiteral("%1: %2").arg(dir.filePath(QStringLiteral("audit.lock")), errnoText()));
    while (::flock(lock.fd, LOCK_EX) != 0) {
        if (errno != EINTR)
            return R::failure(QStringLiteral("audit.lock: %1").arg(errnoText()));
    }
    // Unlocked when `lock` closes.

    const QString current = dir.filePath(currentFileName());
    const QByteArray currentPath = QFile::encodeName(current);
    struct stat st
    {
    };
    qint64 size = ::stat(currentPath.constData(), &st) == 0 ? qint64(st.st_size) : 0;
    const quint64 inode = size > 0 ? quint64(st.st_ino) : 0;
    Tail tail;
    if (size > 0 && inode == m_cachedInode && size == m_cachedSize) {
        tail = m_cached; // nobody appended since our last record
    } else {
        Result<Tail> read = chainTail(size);
        if (!read)
            return R::failure(read.error());
        tail = *read;
    }

    const QByteArray time = nowText();
    QByteArray hash;
    QByteArray line = buildRecordLine(tail.hash, tail.seq + 1, time, type, actionId, fields, &hash);
    line += '\n';
    if (size > 0 && size + line.size() > m_options.rotateBytes) {
        const Status rotated = rotate();
        if (!rotated)
            return R::failure(rotated.error());
        size = 0;
    }

    Fd out{::open(currentPath.constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600)};
    if (out.fd < 0)
        return R::failure(QStringLiteral("%1: %2").arg(current, errnoText()));
    if (size == 0)
        ::fchmod(out.fd, 0600);
    if (!writeAll(out.fd, line) || ::fsync(out.fd) != 0)
        return R::failure(QStringLiteral("%1: %2").arg(current, errnoText()));
    if (size == 0)
        syncDirectory(m_options.directory); // the new file's name is durable too
    struct stat after
    {
    };
    ::fstat(out.fd, &after);
    writeHead(dir.filePath(headFileName()), tail.seq + 1, hash);
    m_cached = Tail{tail.seq + 1, hash};
    m_cachedInode = quint64(after.st_ino);
    m_cachedSize = qint64(after.st_size);
    return AppendedRecord{tail.seq + 1, hash, time, current};
}

} // namespace rolldeck::audit

// ResourceCache on the GUI thread: large batches are applied in slices across event-loop iterations, in order,
// with nothing lost, each slice one coalesced changed(), and health changes kept behind the slices before them.
#include "kube/ResourceCache.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace rolldeck::kube;

namespace {

QJsonObject object(int i, int version = 1)
{
    return QJsonObject{
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("uid"), QStringLiteral("uid-%1").arg(i)},
                                                 {QStringLiteral("name"), QStringLiteral("r-%1").arg(i)},
                                                 {QStringLiteral("resourceVersion"), QString::number(version)}}}};
}

QList<QJsonObject> objects(int from, int to, int version = 1)
{
    QList<QJsonObject> list;
    for (int i = from; i < to; ++i)
        list.append(object(i, version));
    return list;
}

int versionOf(const ResourceCache &cache, int i)
{
    return resourceVersionOf(cache.object(QStringLiteral("uid-%1").arg(i))).toInt();
}

} // namespace

class TestResourceCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<CacheDelta>(); }

    void slicing_data()
    {
        QTest::addColumn<int>("slice");
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("expectedSlices");
        QTest::newRow("fits in one slice") << 50 << 50 << 1;
        QTest::newRow("one over") << 50 << 51 << 2;
        QTest::newRow("exact multiple") << 10 << 40 << 4;
        QTest::newRow("fleet") << 500 << 5000 << 10;
        QTest::newRow("slice of one") << 1 << 7 << 7;
    }

    void slicing()
    {
        QFETCH(int, slice);
        QFETCH(int, count);
        QFETCH(int, expectedSlices);
        ResourceCache cache(QStringLiteral("c"), ResourceKind::rollouts(), {}, {}, nullptr);
        cache.setSliceSize(slice);
        QList<int> sizes;
        QSet<QString> seen;
        connect(&cache, &ResourceCache::changed, this, [&](const CacheDelta &d) {
            sizes.append(int(d.size()));
            for (const QJsonObject &o : d.added)
                QVERIFY2(!seen.contains(uidOf(o)), "an object delivered twice");
            for (const QJsonObject &o : d.added)
                seen.insert(uidOf(o));
        });
        CacheDelta d;
        d.added = objects(0, count);
        cache.applyDelta(d);
        // The first slice is applied at once; the rest waits for the event loop.
        QCOMPARE(sizes.size(), 1);
        QCOMPARE(cache.size(), qsizetype(std::min(slice, count)));
        QCOMPARE(cache.pendingObjects(), qsizetype(count - std::min(slice, count)));
        QTRY_COMPARE(cache.size(), qsizetype(count));
        QCOMPARE(sizes.size(), expectedSlices);
        QCOMPARE(cache.pendingObjects(), 0);
        QCOMPARE(seen.size(), count);
        for (int s : std::as_const(sizes))
            QVERIFY(s <= slice);
        QCOMPARE(cache.deltasApplied(), quint64(expectedSlices));
    }

    void slicesYieldToTheEventLoop()
    {
        ResourceCache cache(QStringLiteral("c"), ResourceKind::rollouts(), {}, {}, nullptr);
        cache.setSliceSize(100);
        int ticksBetween = 0;
        int slices = 0;
        QList<int> ticksAtSlice;
        QTimer tick;
        connect(&tick, &QTimer::timeout, this, [&] { ++ticksBetween; });
        connect(&cache, &ResourceCache::changed, this, [&] {
            ++slices;
            ticksAtSlice.append(ticksBetween);
        });
        tick.start(0);
        CacheDelta d;
        d.added = objects(0, 1000);
        cache.applyDelta(d);
        QTRY_COMPARE(slices, 10);
        tick.stop();
        // Other events (here a zero timer) ran between the slices: the GUI thread was not held for the whole batch.
        QVERIFY2(ticksAtSlice.last() > ticksAtSlice.first(), "no event ran between slices");
    }

    void orderAcrossBatchesAndHealth()
    {
        ResourceCache cache(QStringLiteral("c"), ResourceKind::rollouts(), {}, {}, nullptr);
        cache.setSliceSize(10);
        QStringList log; // what the observers saw, in order
        connect(&cache, &ResourceCache::changed, this, [&](const CacheDelta &d) {
            log.append(QStringLiteral("delta +%1 ~%2 -%3 size=%4")
                           .arg(d.added.size())
                           .arg(d.modified.size())
                           .arg(d.deleted.size())
                           .arg(cache.size()));
        });
        connect(&cache, &ResourceCache::healthChanged, this,
                [&](const CacheHealth &h) { log.append(QStringLiteral("health synced=%1").arg(h.synced)); });
        bool syncedWithAll = false;
        connect(&cache, &ResourceCache::synced, this, [&] { syncedWithAll = cache.size() == 25; });

        CacheDelta list;
        list.added = objects(0, 25);
        cache.applyDelta(list);
        CacheHealth live;
        live.state = CacheHealth::State::Live;
        live.synced = true;
        cache.applyHealth(live); // arrives while slices are pending: must come after them
        QVERIFY(!cache.isSynced());
        CacheDelta later; // modifies some already-listed objects and deletes others, after the list
        later.modified = objects(0, 5, 2);
        later.deleted = objects(20, 25);
        cache.applyDelta(later);
        QCOMPARE(versionOf(cache, 0), 1);

        QTRY_COMPARE(cache.pendingObjects(), 0);
        const QStringList expected{
            QStringLiteral("delta +10 ~0 -0 size=10"), QStringLiteral("delta +10 ~0 -0 size=20"),
            QStringLiteral("delta +5 ~0 -0 size=25"),  QStringLiteral("health synced=1"),
            QStringLiteral("delta +0 ~5 -5 size=20"),
        };
        QCOMPARE(log, expected);
        QVERIFY(syncedWithAll);
        QVERIFY(cache.isSynced());
        QCOMPARE(versionOf(cache, 0), 2);
        QCOMPARE(versionOf(cache, 5), 1);
        QVERIFY(!cache.objects().contains(QStringLiteral("uid-20")));
    }

    void smallBatchesStayImmediate()
    {
        ResourceCache cache(QStringLiteral("c"), ResourceKind::rollouts(), {}, {}, nullptr);
        cache.setSliceSize(10);
        QSignalSpy changed(&cache, &ResourceCache::changed);
        CacheDelta d;
        d.added = objects(0, 10);
        d.lastHeard = QDateTime::currentDateTimeUtc();
        cache.applyDelta(d);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(cache.size(), 10);
        QCOMPARE(cache.lastHeard(), d.lastHeard);
        CacheHealth h;
        h.state = CacheHealth::State::Live;
        cache.applyHealth(h);
        QVERIFY(cache.health().isLive());
    }
};

QTEST_GUILESS_MAIN(TestResourceCache)
#include "tst_resourcecache.moc"

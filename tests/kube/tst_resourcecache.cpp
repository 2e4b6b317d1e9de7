// ResourceCache on the GUI thread: deliveries paced like a display (at most one per interval), each sized to a time
// budget that adapts to what the observers cost, with nothing lost, the order of arrival kept, health changes kept
// behind the objects before them, drained() only once a batch is wholly applied, and replaced objects handed to the
// reaper's thread. Coalescing under a firehose, with flow control, is tested with the informer.
#include "app/kube/ResourceCache.h"

#include <QElapsedTimer>
#include <QMap>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
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

class MetaCallCounter : public QObject
{
public:
    std::atomic<int> calls{0};
    bool event(QEvent *e) override
    {
        if (e->type() == QEvent::MetaCall)
            ++calls;
        return QObject::event(e);
    }
};

} // namespace

class TestResourceCache : public QObject
{
    Q_OBJECT
private slots:
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
        cache.setMaxSlice(slice);
        cache.setDeliveryInterval(10);
        cache.setFrameBudget(1000); // the object cap is under test here, not the time budget
        QMap<quint64, int> sizes;   // objects per delivery (a delivery may emit several chunks)
        QMap<quint64, qint64> at;
        QElapsedTimer clock;
        clock.start();
        QSet<QString> seen;
        connect(&cache, &ResourceCache::changed, this, [&](const CacheDelta &d) {
            sizes[cache.deliveries()] += int(d.size());
            if (!at.contains(cache.deliveries())) // a delivery's first chunk: the interval runs start to start
                at[cache.deliveries()] = clock.elapsed();
            for (const QJsonObject &o : d.added)
                QVERIFY2(!seen.contains(uidOf(o)), "an object delivered twice");
            for (const QJsonObject &o : d.added)
                seen.insert(uidOf(o));
        });
        CacheDelta d;
        d.added = objects(0, count);
        cache.applyDelta(d);
        // The first slice is applied at once; the rest waits for later deliveries.
        QCOMPARE(sizes.size(), 1);
        QCOMPARE(cache.size(), qsizetype(std::min(slice, count)));
        QCOMPARE(cache.pendingObjects(), qsizetype(count - std::min(slice, count)));
        QTRY_COMPARE(cache.size(), qsizetype(count));
        QCOMPARE(sizes.size(), expectedSlices);
        QCOMPARE(cache.deliveries(), quint64(expectedSlices));
        QCOMPARE(cache.pendingObjects(), 0);
        QCOMPARE(seen.size(), count);
        for (int s : std::as_const(sizes))
            QVERIFY(s <= slice);
        // Paced: never two deliveries within the interval.
        const QList<qint64> times = at.values();
        for (qsizetype i = 1; i < times.size(); ++i)
            QVERIFY2(times[i] - times[i - 1] >= 9,
                     qPrintable(QStringLiteral("deliveries %1 ms apart").arg(times[i] - times[i - 1])));
    }

    void slicesYieldToTheEventLoop()
    {
        ResourceCache cache(QStringLiteral("c"), ResourceKind::rollouts(), {}, {}, nullptr);
        cache.setMaxSlice(100);
        cache.setDeliveryInterval(5);
        int ticksBetween = 0;
        int slices = 0;
        QList<int> ticksAtSlice;
        QTimer tick;
        connect(&tick, &QTimer::timeout, this, [&] { ++ticksBetween; });
        connect(&cache, &ResourceCache::changed, this, [&] {
            if (int(cache.deliveries()) == slices) { // the first chunk of a delivery
                ++slices;
                ticksAtSlice.append(ticksBetween);
            }
        });
        tick.start(0);
        CacheDelta d;
        d.added = objects(0, 1000);
        cache.applyDelta(d);
        QTRY_COMPARE(slices, 10);
        tick.stop();
        // Other events (here a zero timer) ran between the slices: the GUI thread was not held for the whole batch.
        for (qsizetype i = 1; i < ticksAtSlice.size(); ++i)
            QVERIFY2(ticksAtSlice[i] > ticksAtSlice[i - 1], "no event ran between two slices");
    }

    void atMostOneDeliveryPerInterval()
    {
        ResourceCache cache(QStringLiteral("c"), ResourceKind::rollouts(), {}, {}, nullptr);
        cache.setDeliveryInterval(60);
        QList<qint64> at;
        QList<quint64> delivery; // the delivery each changed() belongs to
        QElapsedTimer clock;
        clock.start();
        connect(&cache, &ResourceCache::changed, this, [&] {
            at.append(clock.elapsed());
            delivery.append(cache.deliveries());
        });
        CacheDelta first;
        first.added = objects(0, 3);
        cache.applyDelta(first);
        QCOMPARE(at.size(), 1);       // nothing delivered recently: at once
        for (int v = 2; v < 6; ++v) { // four small batches in quick succession
            CacheDelta next;
            next.modified = objects(0, 3, v);
            cache.applyDelta(next);
        }
        QCOMPARE(at.size(), 1);
        QCOMPARE(cache.pendingObjects(), 12);
        QTRY_COMPARE(at.size(), 5);
        // All four went out together in the next delivery, one changed() per batch, not before the interval (how
        // close together they come is bench_cachetiming's to measure).
        QVERIFY2(at[1] >= 55, qPrintable(QString::number(at[1])));
        QCOMPARE(delivery, (QList<quint64>{0, 1, 1, 1, 1})); // counted once a delivery is done
        for (int i = 0; i < 3; ++i)
            QCOMPARE(versionOf(cache, i), 5);
        // And nothing after: nothing is pending, and the cache counted exactly two deliveries.
        QCOMPARE(cache.pendingObjects(), 0);
        QCOMPARE(cache.deliveries(), quint64(2));
    }

    void drainedOnceTheBatchIsWhole()
    {
        ResourceCache cache(QStringLiteral("c"), ResourceKind::rollouts(), {}, {}, nullptr);
        cache.setMaxSlice(10);
        cache.setDeliveryInterval(5);
        QStringList log;
        connect(&cache, &ResourceCache::changed, this, [&] { log.append(QStringLiteral("changed")); });
        connect(&cache, &ResourceCache::drained, this, [&] {
            log.append(QStringLiteral("drained size=%1 pending=%2").arg(cache.size()).arg(cache.pendingObjects()));
        });
        CacheDelta d;
        d.added = objects(0, 25);
        cache.applyDelta(d);
        QTRY_COMPARE(log.size(), 4);
        QCOMPARE(log, (QStringList{QStringLiteral("changed"), QStringLiteral("changed"), QStringLiteral("changed"),
                                   QStringLiteral("drained size=25 pending=0")}));
    }

    void orderAcrossBatchesAndHealth()
    {
        ResourceCache cache(QStringLiteral("c"), ResourceKind::rollouts(), {}, {}, nullptr);
        cache.setMaxSlice(10);
        cache.setDeliveryInterval(5);
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
        qsizetype sizeAtSynced = -1;
        connect(&cache, &ResourceCache::synced, this, [&] { sizeAtSynced = cache.size(); });

        CacheDelta list;
        list.added = objects(0, 25);
        cache.applyDelta(list);
        CacheHealth live;
        live.state = CacheHealth::State::Live;
        live.synced = true;
        cache.applyHealth(live); // arrives while objects are pending: must come after them
        QVERIFY(!cache.isSynced());
        CacheDelta later; // modifies already-listed objects and deletes others, after the list
        later.modified = objects(0, 5, 2);
        later.deleted = objects(20, 25);
        later.lastHeard = QDateTime::currentDateTimeUtc();
        cache.applyDelta(later);
        QCOMPARE(versionOf(cache, 0), 1);
        QVERIFY(cache.lastHeard() < later.lastHeard); // not before the objects heard with it are applied

        QTRY_COMPARE(cache.pendingObjects(), 0);
        const QStringList expected{
            QStringLiteral("delta +10 ~0 -0 size=10"),
            QStringLiteral("delta +10 ~0 -0 size=20"),
            QStringLiteral("delta +5 ~0 -0 size=25"),
            QStringLiteral("health synced=1"),
            // the rest of the 10-object budget goes to the next batch, which finishes in the delivery after
            QStringLiteral("delta +0 ~5 -0 size=25"),
            QStringLiteral("delta +0 ~0 -5 size=20"),
        };
        QCOMPARE(log, expected);
        QCOMPARE(sizeAtSynced, qsizetype(25));
        QVERIFY(cache.isSynced());
        QCOMPARE(versionOf(cache, 0), 2);
        QCOMPARE(versionOf(cache, 5), 1);
        QVERIFY(!cache.contains(QStringLiteral("uid-20")));
        QCOMPARE(cache.lastHeard(), later.lastHeard);
    }

    void deliveriesKeepToTheFrameBudget()
    {
        ResourceCache cache(QStringLiteral("c"), ResourceKind::rollouts(), {}, {}, nullptr);
        cache.setDeliveryInterval(5);
        cache.setFrameBudget(6);
        QMap<quint64, qsizetype> perDelivery;
        connect(&cache, &ResourceCache::changed, this, [&](const CacheDelta &d) {
            perDelivery[cache.deliveries()] += d.size();
            QElapsedTimer busy; // an observer that costs 50 µs an object
            busy.start();
            while (busy.nsecsElapsed() < d.size() * 50000)
                ;
        });
        CacheDelta d;
        d.added = objects(0, 3000);
        cache.applyDelta(d);
        QTRY_COMPARE_WITH_TIMEOUT(cache.pendingObjects(), 0, 30000);
        QCOMPARE(cache.size(), 3000);
        // 6 ms at 50 µs an object is 120 objects; once the cost is measured a delivery stops before the chunk that
        // would take it past the budget (stopping after it allowed up to 150). A busy machine only makes deliveries
        // smaller.
        const QList<qsizetype> sizes = perDelivery.values();
        QVERIFY(sizes.size() >= 10);
        for (qsizetype i = 1; i < sizes.size(); ++i)
            QVERIFY2(sizes[i] <= 125, qPrintable(QStringLiteral("delivery %1 had %2 objects").arg(i).arg(sizes[i])));
    }

    void smallBatchesStayImmediate()
    {
        ResourceCache cache(QStringLiteral("c"), ResourceKind::rollouts(), {}, {}, nullptr);
        cache.setMaxSlice(10);
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

    void deliveredBatchesAreFreedOnTheReapersThread()
    {
        QThread worker;
        MetaCallCounter reaper;
        reaper.moveToThread(&worker);
        worker.start();
        {
            ResourceCache cache(QStringLiteral("c"), ResourceKind::rollouts(), {}, {}, nullptr);
            cache.setReaper(&reaper);
            cache.setDeliveryInterval(0);
            // Each delivered batch's parsed objects go to the reaper's thread, once the batch is applied.
            CacheDelta list;
            list.added = objects(0, 5);
            cache.applyDelta(list);
            QTRY_COMPARE(reaper.calls.load(), 1);
            CacheDelta update;
            update.modified = objects(0, 5, 2);
            cache.applyDelta(update);
            QTRY_COMPARE(reaper.calls.load(), 2);
            QCOMPARE(versionOf(cache, 3), 2);
            QCOMPARE(cache.size(), 5);
        }
        worker.quit();
        worker.wait();
    }
};

QTEST_GUILESS_MAIN(TestResourceCache)
#include "tst_resourcecache.moc"

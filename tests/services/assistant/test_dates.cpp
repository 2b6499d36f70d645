// Strict ISO dates and the relative phrases the assistant resolves.
#include <QtTest>

#include "chatbot/domain/dates.hpp"

class TestDates : public QObject {
    Q_OBJECT

private slots:
    void resolves_data();
    void resolves();
    void validates_iso_dates_data();
    void validates_iso_dates();
    void knows_today();
};

void TestDates::resolves_data() {
    QTest::addColumn<QString>("phrase");
    QTest::addColumn<QString>("today");
    QTest::addColumn<QString>("expected");  // empty: not a date

    const QString friday = "2026-11-27";
    QTest::newRow("today") << "today" << friday << "2026-11-27";
    QTest::newRow("tonight") << "tonight" << friday << "2026-11-27";
    QTest::newRow("tomorrow") << "tomorrow" << friday << "2026-11-28";
    QTest::newRow("Tomorrow, padded") << "  Tomorrow " << friday << "2026-11-28";
    QTest::newRow("tmrw") << "tmrw" << friday << "2026-11-28";
    QTest::newRow("day after tomorrow") << "the day after tomorrow" << friday << "2026-11-29";
    QTest::newRow("next week") << "next week" << friday << "2026-12-04";
    QTest::newRow("in 3 days") << "in 3 days" << friday << "2026-11-30";
    QTest::newRow("in 1 day") << "in 1 day" << friday << "2026-11-28";
    QTest::newRow("in 2 weeks") << "in 2 weeks" << friday << "2026-12-11";
    QTest::newRow("saturday") << "saturday" << friday << "2026-11-28";
    QTest::newRow("monday") << "monday" << friday << "2026-11-30";
    QTest::newRow("on tuesday") << "on tuesday" << friday << "2026-12-01";
    QTest::newRow("Thursday") << "Thursday" << friday << "2026-12-03";
    QTest::newRow("bare friday on a friday is next week") << "friday" << friday << "2026-12-04";
    QTest::newRow("this friday") << "this friday" << friday << "2026-12-04";
    QTest::newRow("next monday") << "next monday" << friday << "2026-11-30";
    QTest::newRow("coming sunday") << "coming sunday" << friday << "2026-11-29";
    QTest::newRow("short wed") << "wed" << friday << "2026-12-02";
    QTest::newRow("iso") << "2026-12-01" << friday << "2026-12-01";
    QTest::newRow("iso in the past") << "2020-01-01" << friday << "2020-01-01";
    QTest::newRow("leap day") << "2028-02-29" << friday << "2028-02-29";
    QTest::newRow("no leap day") << "2027-02-29" << friday << "";
    QTest::newRow("year end") << "tomorrow" << "2026-12-31" << "2027-01-01";
    QTest::newRow("across years") << "in 3 days" << "2026-12-30" << "2027-01-02";
    QTest::newRow("into a leap day") << "tomorrow" << "2028-02-28" << "2028-02-29";
    QTest::newRow("weekday across months") << "monday" << "2026-02-27" << "2026-03-02";
    QTest::newRow("negative days") << "in -1 days" << friday << "";
    QTest::newRow("words") << "banana" << friday << "";
    QTest::newRow("empty") << "" << friday << "";
    QTest::newRow("bad today") << "tomorrow" << "yesterday" << "";
    QTest::newRow("in days without a number") << "in a few days" << friday << "";
}

void TestDates::resolves() {
    QFETCH(QString, phrase);
    QFETCH(QString, today);
    QFETCH(QString, expected);
    auto date = todo::resolve_date(phrase.toStdString(), today.toStdString());
    QCOMPARE(QString::fromStdString(date.value_or("")), expected);
}

void TestDates::validates_iso_dates_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << "2026-11-27" << true;
    QTest::newRow("leap") << "2024-02-29" << true;
    QTest::newRow("1900 is no leap year") << "1900-02-29" << false;
    QTest::newRow("2000 is a leap year") << "2000-02-29" << true;
    QTest::newRow("month 13") << "2026-13-01" << false;
    QTest::newRow("month 00") << "2026-00-10" << false;
    QTest::newRow("day 00") << "2026-01-00" << false;
    QTest::newRow("30 february") << "2026-02-30" << false;
    QTest::newRow("31 april") << "2026-04-31" << false;
    QTest::newRow("short month") << "2026-1-01" << false;
    QTest::newRow("two-digit year") << "26-01-01" << false;
    QTest::newRow("slashes") << "2026/01/01" << false;
    QTest::newRow("leading space") << " 2026-01-01" << false;
    QTest::newRow("trailing text") << "2026-01-01x" << false;
    QTest::newRow("with time") << "2026-01-01T00:00:00Z" << false;
    QTest::newRow("signs") << "2026-+1-01" << false;
    QTest::newRow("letters") << "abcd-ef-gh" << false;
    QTest::newRow("empty") << "" << false;
}

void TestDates::validates_iso_dates() {
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QCOMPARE(todo::is_iso_date(text.toStdString()), valid);
}

void TestDates::knows_today() {
    auto today = todo::today_utc();
    QVERIFY2(todo::is_iso_date(today), today.c_str());
    QCOMPARE(QString::fromStdString(today),
             QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate));
    auto now = QString::fromStdString(todo::now_utc_iso());
    QVERIFY2(QDateTime::fromString(now, Qt::ISODate).isValid(), qPrintable(now));
    QVERIFY(now.endsWith('Z'));
}

QTEST_GUILESS_MAIN(TestDates)
#include "test_dates.moc"

// Table-driven checks of the validation helpers that turn untrusted JSON into domain values.

#include <QtTest>
#include <nlohmann/json.hpp>

#include "chatbot/domain/dates.hpp"
#include "chatbot/domain/validation.hpp"

using nlohmann::json;

namespace {

QByteArray bytes(std::string_view text) {
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

// Field named by the ValidationError the body raises, or "" when it parses.
template <typename Parse>
QString failing_field(Parse parse, const QByteArray& body) {
    try {
        parse(json::parse(body.toStdString()));
        return {};
    } catch (const todo::ValidationError& error) {
        return QString::fromStdString(error.field());
    }
}

}  // namespace

class DomainValidationTest : public QObject {
    Q_OBJECT

private slots:
    void trim_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("empty") << QByteArray("") << QByteArray("");
        QTest::newRow("only spaces") << QByteArray(" \t\r\n\f\v ") << QByteArray("");
        QTest::newRow("both ends") << QByteArray("  milk \n") << QByteArray("milk");
        QTest::newRow("inner kept") << QByteArray(" a  b ") << QByteArray("a  b");
        // Unicode White_Space is trimmed too: a title of U+3000 or U+00A0 alone is blank.
        QTest::newRow("non-breaking space") << QByteArray("\xc2\xa0x\xc2\xa0") << QByteArray("x");
        QTest::newRow("ideographic space") << QByteArray("\xe3\x80\x80") << QByteArray("");
        QTest::newRow("next line and em space")
            << QByteArray("\xc2\x85\xe2\x80\x83tea\xe2\x80\xa8") << QByteArray("tea");
        QTest::newRow("inner non-breaking kept")
            << QByteArray("a\xc2\xa0" "b") << QByteArray("a\xc2\xa0" "b");
        QTest::newRow("zero width space is not whitespace")
            << QByteArray("\xe2\x80\x8b") << QByteArray("\xe2\x80\x8b");
    }
    void trim() {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QCOMPARE(bytes(todo::trim(input.toStdString())), expected);
    }

    void utf8_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("length");
        QTest::newRow("ascii") << QByteArray("hello") << true << 5;
        QTest::newRow("empty") << QByteArray("") << true << 0;
        QTest::newRow("two-byte") << QByteArray("caf\xc3\xa9") << true << 4;
        QTest::newRow("three-byte") << QByteArray("\xe2\x82\xac") << true << 1;
        QTest::newRow("emoji") << QByteArray("\xf0\x9f\x8e\x89!") << true << 2;
        QTest::newRow("max code point") << QByteArray("\xf4\x8f\xbf\xbf") << true << 1;
        QTest::newRow("lone continuation") << QByteArray("\x80") << false << -1;
        QTest::newRow("truncated") << QByteArray("\xe2\x82") << false << -1;
        QTest::newRow("truncated at end") << QByteArray("ok\xf0\x9f\x8e") << false << -1;
        QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << false << -1;
        QTest::newRow("overlong three-byte") << QByteArray("\xe0\x80\xaf") << false << -1;
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false << -1;
        QTest::newRow("past U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false << -1;
        QTest::newRow("invalid lead byte") << QByteArray("\xff") << false << -1;
    }
    void utf8() {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QFETCH(int, length);
        const std::string value = text.toStdString();
        QCOMPARE(todo::is_valid_utf8(value), valid);
        if (valid) QCOMPARE(todo::utf8_length(value), static_cast<std::size_t>(length));
    }

    void draft_errors_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        const QString none;
        QTest::newRow("minimal") << QByteArray(R"({"title":"Buy milk"})") << none;
        QTest::newRow("everything")
            << QByteArray(R"({"title":"x","description":"d","priority":"high",)"
                          R"("due_date":"2030-02-28","tags":["a","b"]})")
            << none;
        QTest::newRow("null optionals")
            << QByteArray(R"({"title":"x","description":null,"due_date":null,"tags":null})")
            << none;
        QTest::newRow("200 emoji title")
            << QByteArray("{\"title\":\"" + QByteArray("\xf0\x9f\x8e\x89").repeated(200) + "\"}")
            << none;
        QTest::newRow("not an object") << QByteArray(R"(["title"])") << QStringLiteral("body");
        QTest::newRow("missing title")
            << QByteArray(R"({"description":"x"})") << QStringLiteral("title");
        QTest::newRow("blank title") << QByteArray(R"({"title":"   "})") << QStringLiteral("title");
        QTest::newRow("ideographic space title")
            << QByteArray("{\"title\":\"\xe3\x80\x80\"}") << QStringLiteral("title");
        QTest::newRow("no-break space title")
            << QByteArray(R"({"title":"\u00a0"})") << QStringLiteral("title");
        QTest::newRow("year 0 due date")
            << QByteArray(R"({"title":"x","due_date":"0000-01-01"})") << QStringLiteral("due_date");
        QTest::newRow("number title") << QByteArray(R"({"title":42})") << QStringLiteral("title");
        QTest::newRow("201 char title")
            << QByteArray("{\"title\":\"" + QByteArray(201, 'a') + "\"}")
            << QStringLiteral("title");
        QTest::newRow("NUL in title")
            << QByteArray(R"({"title":"a\u0000b"})") << QStringLiteral("title");
        QTest::newRow("long description")
            << QByteArray("{\"title\":\"x\",\"description\":\"" + QByteArray(2001, 'd') + "\"}")
            << QStringLiteral("description");
        QTest::newRow("bad priority")
            << QByteArray(R"({"title":"x","priority":"urgent"})") << QStringLiteral("priority");
        QTest::newRow("uppercase priority")
            << QByteArray(R"({"title":"x","priority":"HIGH"})") << QStringLiteral("priority");
        QTest::newRow("impossible date")
            << QByteArray(R"({"title":"x","due_date":"2030-02-30"})") << QStringLiteral("due_date");
        QTest::newRow("date with time")
            << QByteArray(R"({"title":"x","due_date":"2030-02-01T10:00:00Z"})")
            << QStringLiteral("due_date");
        QTest::newRow("tags not array")
            << QByteArray(R"({"title":"x","tags":"a"})") << QStringLiteral("tags");
        QTest::newRow("tag not string")
            << QByteArray(R"({"title":"x","tags":[1]})") << QStringLiteral("tags");
        QTest::newRow("empty tag")
            << QByteArray(R"({"title":"x","tags":[" "]})") << QStringLiteral("tags");
        QTest::newRow("21 tags")
            << QByteArray(R"({"title":"x","tags":["1","2","3","4","5","6","7","8","9","10","11",)"
                          R"("12","13","14","15","16","17","18","19","20","21"]})")
            << QStringLiteral("tags");
    }
    void draft_errors() {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        QCOMPARE(failing_field(todo::parse_task_draft, body), field);
    }

    void draft_values() {
        auto draft = todo::parse_task_draft(
            json::parse(R"({"title":"  Buy milk  ","priority":"low","due_date":"2030-01-02",)"
                        R"("tags":[" home ","home","shop"]})"));
        QCOMPARE(bytes(draft.title), QByteArray("Buy milk"));
        QCOMPARE(draft.priority, todo::Priority::Low);
        QCOMPARE(bytes(draft.due_date.value()), QByteArray("2030-01-02"));
        QCOMPARE(draft.tags, (std::vector<std::string>{"home", "shop"}));  // trimmed, deduplicated
        QCOMPARE(todo::parse_task_draft(json::parse(R"({"title":"x"})")).priority,
                 todo::Priority::Medium);
    }

    void patch_errors_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        const QString none;
        QTest::newRow("title only") << QByteArray(R"({"title":"new"})") << none;
        QTest::newRow("completed only") << QByteArray(R"({"completed":true})") << none;
        QTest::newRow("clear due date") << QByteArray(R"({"due_date":null})") << none;
        QTest::newRow("empty object") << QByteArray("{}") << QStringLiteral("body");
        QTest::newRow("unknown field only")
            << QByteArray(R"({"colour":"red"})") << QStringLiteral("body");
        QTest::newRow("completed as string")
            << QByteArray(R"({"completed":"yes"})") << QStringLiteral("completed");
        QTest::newRow("blank title") << QByteArray(R"({"title":""})") << QStringLiteral("title");
        QTest::newRow("bad date") << QByteArray(R"({"due_date":"tomorrow"})")
                                  << QStringLiteral("due_date");
    }
    void patch_errors() {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        QCOMPARE(failing_field(todo::parse_task_patch, body), field);
    }

    void patch_distinguishes_clearing_from_leaving() {
        auto cleared = todo::parse_task_patch(json::parse(R"({"due_date":null})"));
        QVERIFY(cleared.due_date.has_value());
        QVERIFY(!cleared.due_date->has_value());

        auto untouched = todo::parse_task_patch(json::parse(R"({"title":"x"})"));
        QVERIFY(!untouched.due_date.has_value());
        QVERIFY(!untouched.completed && !untouched.priority && !untouched.tags);

        auto set =
            todo::parse_task_patch(json::parse(R"({"due_date":"2030-05-06","completed":false})"));
        QCOMPARE(bytes(set.due_date.value().value()), QByteArray("2030-05-06"));
        QCOMPARE(set.completed, std::optional<bool>(false));
    }

    void iso_dates_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << QByteArray("2030-01-31") << true;
        QTest::newRow("leap day") << QByteArray("2028-02-29") << true;
        QTest::newRow("not a leap year") << QByteArray("2030-02-29") << false;
        QTest::newRow("month 13") << QByteArray("2030-13-01") << false;
        QTest::newRow("short") << QByteArray("2030-1-01") << false;
        QTest::newRow("signed") << QByteArray("+030-01-01") << false;
        QTest::newRow("empty") << QByteArray("") << false;
        QTest::newRow("year 0") << QByteArray("0000-01-01") << false;  // PostgreSQL has no year 0
        QTest::newRow("year 1") << QByteArray("0001-01-01") << true;
    }
    void iso_dates() {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QCOMPARE(todo::is_iso_date(text.toStdString()), valid);
    }

    void user_ids_data() {
        QTest::addColumn<QByteArray>("id");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << QByteArray("alice") << true;
        QTest::newRow("inner space") << QByteArray("ada lovelace") << true;
        QTest::newRow("128 ascii") << QByteArray(128, 'a') << true;
        QTest::newRow("129 ascii") << QByteArray(129, 'a') << false;
        // Characters, not bytes: 128 three-byte characters are 384 bytes and still fine.
        QTest::newRow("128 cjk") << QByteArray("\xe6\x97\xa5").repeated(128) << true;
        QTest::newRow("129 cjk") << QByteArray("\xe6\x97\xa5").repeated(129) << false;
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("leading space") << QByteArray(" alice") << false;
        QTest::newRow("trailing no-break space") << QByteArray("alice\xc2\xa0") << false;
        QTest::newRow("tab inside") << QByteArray("al\tice") << false;
        QTest::newRow("DEL") << QByteArray("al\x7f") << false;
        QTest::newRow("U+0085 next line") << QByteArray("al\xc2\x85" "ice") << false;
        QTest::newRow("U+200B zero width space") << QByteArray("al\xe2\x80\x8b" "ice") << false;
        QTest::newRow("U+202E right-to-left override") << QByteArray("\xe2\x80\xae" "ecila") << false;
        QTest::newRow("U+2066 isolate") << QByteArray("a\xe2\x81\xa6" "b") << false;
        QTest::newRow("U+FEFF byte order mark") << QByteArray("\xef\xbb\xbf" "alice") << false;
        QTest::newRow("invalid utf-8") << QByteArray("\xff") << false;
    }
    void user_ids() {
        QFETCH(QByteArray, id);
        QFETCH(bool, valid);
        QCOMPARE(todo::is_valid_user_id(std::string_view(id.constData(), id.size())), valid);
    }
};

QTEST_GUILESS_MAIN(DomainValidationTest)
#include "test_domain_validation.moc"

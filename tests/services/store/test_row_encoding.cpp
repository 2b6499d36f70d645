// decode_tags() reads plain arrays itself and leaves the rest to nlohmann: every input must
// still decode to what the parser alone gave.

#include <QtTest>
#include <nlohmann/json.hpp>

#include "chatbot/store/row_encoding.hpp"

namespace {

std::vector<std::string> parser_only(std::string_view json) {
    auto parsed = nlohmann::json::parse(json, nullptr, false);
    std::vector<std::string> tags;
    if (!parsed.is_array()) return tags;
    for (const auto& item : parsed)
        if (item.is_string()) tags.push_back(item.get<std::string>());
    return tags;
}

}  // namespace

class RowEncodingTest : public QObject {
    Q_OBJECT

private slots:
    void decode_tags_as_the_parser_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("empty") << QByteArray("[]");
        QTest::newRow("jsonb output") << QByteArray("[\"seed\", \"t1\"]");
        QTest::newRow("compact") << QByteArray("[\"a\",\"b\",\"c\"]");
        QTest::newRow("spaces everywhere") << QByteArray(" [ \"a\" ,\n\t\"b\" ] ");
        QTest::newRow("empty tag") << QByteArray("[\"\"]");
        QTest::newRow("unicode") << QByteArray("[\"caf\xc3\xa9\", \"\xe6\x97\xa5\"]");
        QTest::newRow("escaped quote") << QByteArray("[\"say \\\"hi\\\"\"]");
        QTest::newRow("escaped unicode") << QByteArray("[\"\\u00e9\"]");
        QTest::newRow("raw control character") << QByteArray("[\"a\tb\"]");
        QTest::newRow("invalid utf-8") << QByteArray("[\"\xff\"]");
        QTest::newRow("number item") << QByteArray("[\"a\", 1, \"b\"]");
        QTest::newRow("not an array") << QByteArray("{\"a\": \"b\"}");
        QTest::newRow("trailing comma") << QByteArray("[\"a\",]");
        QTest::newRow("unterminated") << QByteArray("[\"a");
        QTest::newRow("missing bracket") << QByteArray("[\"a\"");
        QTest::newRow("garbage after") << QByteArray("[\"a\"] x");
        QTest::newRow("empty text") << QByteArray("");
    }
    void decode_tags_as_the_parser() {
        QFETCH(QByteArray, json);
        const std::string_view text(json.constData(), static_cast<std::size_t>(json.size()));
        QCOMPARE(todo::store::decode_tags(text), parser_only(text));
    }
};

QTEST_GUILESS_MAIN(RowEncodingTest)
#include "test_row_encoding.moc"

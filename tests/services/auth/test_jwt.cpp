// HS256 verification: the accepted token, and each way a token is refused.

#include <QtTest>
#include <limits>

#include "chatbot/auth/jwt.hpp"

using namespace todo::auth;

namespace {
constexpr std::int64_t kNow = 1'800'000'000;
constexpr std::string_view kAlphabetForTest =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const std::string kSecret = "test-secret-please-change";
}  // namespace

class TestJwt : public QObject {
    Q_OBJECT
private slots:
    void base64url_round_trips_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("one") << QByteArray("f");
        QTest::newRow("two") << QByteArray("fo");
        QTest::newRow("three") << QByteArray("foo");
        QTest::newRow("binary") << QByteArray("\xff\xfe\x00\x01\x80", 5);
    }
    void base64url_round_trips() {
        QFETCH(QByteArray, bytes);
        std::string raw(bytes.constData(), static_cast<std::size_t>(bytes.size()));
        auto encoded = base64url_encode(raw);
        QVERIFY(encoded.find_first_of("+/=") == std::string::npos);
        QCOMPARE(base64url_decode(encoded).value(), raw);
    }

    void known_vector_verifies() {
        // jwt.io's example token, signed with "your-256-bit-secret".
        const std::string token =
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4g"
            "RG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        auto claims = verify_hs256(token, "your-256-bit-secret", kNow, 30, false);  // it has no exp
        QCOMPARE(claims.subject, std::string("1234567890"));
        QCOMPARE(claims.payload["name"].get<std::string>(), std::string("John Doe"));
    }

    void signed_token_verifies() {
        auto token = sign_hs256({{"sub", "alice"}, {"exp", kNow + 60}}, kSecret);
        auto claims = verify_hs256(token, kSecret, kNow);
        QCOMPARE(claims.subject, std::string("alice"));
        QCOMPARE(claims.expires_at.value(), kNow + 60);
    }

    void rejected_tokens_data() {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("reason");
        auto good = sign_hs256({{"sub", "alice"}, {"exp", kNow + 60}}, kSecret);
        auto tampered = good;
        tampered[tampered.find('.') + 2] ^= 1;
        auto none_alg = base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." +
                        base64url_encode(R"({"sub":"alice"})") + ".";
        QTest::newRow("garbage") << "not-a-token" << "three";
        QTest::newRow("four parts") << QString::fromStdString(good + ".x") << "three";
        QTest::newRow("wrong secret")
            << QString::fromStdString(sign_hs256({{"sub", "alice"}}, "other")) << "signature";
        QTest::newRow("tampered payload") << QString::fromStdString(tampered) << "";
        QTest::newRow("alg none") << QString::fromStdString(none_alg) << "HS256";
        QTest::newRow("expired")
            << QString::fromStdString(sign_hs256({{"sub", "alice"}, {"exp", kNow - 31}}, kSecret))
            << "expired";
        QTest::newRow("not yet valid")
            << QString::fromStdString(sign_hs256({{"sub", "alice"}, {"nbf", kNow + 600}}, kSecret))
            << "not valid yet";
        QTest::newRow("no subject")
            << QString::fromStdString(sign_hs256({{"exp", kNow + 60}}, kSecret)) << "subject";
        QTest::newRow("exp not a number")
            << QString::fromStdString(sign_hs256({{"sub", "a"}, {"exp", "soon"}}, kSecret))
            << "exp";
        // Found by fuzz_jwt: a non-string alg threw json::type_error, not JwtRejected.
        QTest::newRow("alg not a string")
            << QString::fromStdString(base64url_encode(R"({"alg":1})") + ".e30.c2ln") << "HS256";
        QTest::newRow("alg null")
            << QString::fromStdString(base64url_encode(R"({"alg":null})") + ".e30.c2ln") << "HS256";
        // Past int64, the claim's cast to an integer was undefined behaviour.
        QTest::newRow("exp 1e300")
            << QString::fromStdString(sign_hs256({{"sub", "a"}, {"exp", 1e300}}, kSecret))
            << "out of range";
        QTest::newRow("exp uint64 max")
            << QString::fromStdString(
                   sign_hs256({{"sub", "a"}, {"exp", std::numeric_limits<std::uint64_t>::max()}}, kSecret))
            << "out of range";
        QTest::newRow("nbf -1e300")
            << QString::fromStdString(
                   sign_hs256({{"sub", "a"}, {"exp", kNow + 60}, {"nbf", -1e300}}, kSecret))
            << "out of range";
    }
    void rejected_tokens() {
        QFETCH(QString, token);
        QFETCH(QString, reason);
        try {
            verify_hs256(token.toStdString(), kSecret, kNow);
            QFAIL("the token was accepted");
        } catch (const JwtRejected& rejected) {
            QVERIFY2(QString::fromUtf8(rejected.what()).contains(reason), rejected.what());
        }
    }

    void identity_hygiene_data() {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("reason");
        const auto good = sign_hs256({{"sub", "alice"}, {"exp", kNow + 60}}, kSecret);
        // The 43-character HS256 signature carries 2 unused low bits in its last character.
        auto low_bits = good;
        const auto last = kAlphabetForTest.find(low_bits.back());
        low_bits.back() = kAlphabetForTest[last ^ 1];
        const auto crit_header = base64url_encode(R"({"alg":"HS256","typ":"JWT","crit":["b64"],"b64":true})");
        const auto crit_input = crit_header + "." + base64url_encode(R"({"sub":"alice","exp":1800000060})");
        QTest::newRow("no exp") << QString::fromStdString(sign_hs256({{"sub", "alice"}}, kSecret))
                                << "AUTH_ALLOW_NO_EXP";
        QTest::newRow("padded signature") << QString::fromStdString(good + "=") << "canonical";
        QTest::newRow("stray low bits") << QString::fromStdString(low_bits) << "canonical";
        QTest::newRow("crit") << QString::fromStdString(crit_input + ".c2lnbmF0dXJl")
                              << "critical";
    }
    void identity_hygiene() {
        QFETCH(QString, token);
        QFETCH(QString, reason);
        try {
            verify_hs256(token.toStdString(), kSecret, kNow);
            QFAIL("the token was accepted");
        } catch (const JwtRejected& rejected) {
            QVERIFY2(QString::fromUtf8(rejected.what()).contains(reason), rejected.what());
        }
    }

    void no_exp_is_accepted_when_allowed() {
        const auto token = sign_hs256({{"sub", "alice"}}, kSecret);
        QCOMPARE(verify_hs256(token, kSecret, kNow, 30, false).subject, std::string("alice"));
    }

    void fractional_dates_are_accepted() {  // RFC 7519 2: a NumericDate may carry fractions
        auto token = sign_hs256({{"sub", "alice"}, {"exp", kNow + 60.5}, {"nbf", kNow - 0.25}}, kSecret);
        QCOMPARE(verify_hs256(token, kSecret, kNow).expires_at.value(), kNow + 60);
    }

    void clock_skew_within_leeway_is_accepted() {
        auto token = sign_hs256({{"sub", "alice"}, {"exp", kNow - 10}}, kSecret);
        QCOMPARE(verify_hs256(token, kSecret, kNow).subject, std::string("alice"));
    }
};

QTEST_GUILESS_MAIN(TestJwt)
#include "test_jwt.moc"

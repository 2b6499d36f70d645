// The Chat page's push-to-talk, offscreen, against the real local backend: a WAV fed through the
// AudioSource interface (espeak-ng speech in memory) lands in the input box, Enter sends it and
// the tool chip appears; without an input device the page shows the fix and does not crash.
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

#include "core/voice/audio_source.hpp"
#include "core/voice/pocketsphinx_recognizer.hpp"
#include "desktop/ui/ui_test_support.hpp"
#include "desktop/voice/voice_test_support.hpp"
#include "support/backend_process.hpp"
#include "support/require_tool.hpp"
#include "ui/chat_bubble.hpp"
#include "ui/chat_input.hpp"
#include "ui/chat_page.hpp"
#include "ui/level_meter.hpp"
#include "ui/voice_bar.hpp"

using namespace helmdeck::core::voice;
using namespace helmdeck::testing;
using helmdeck::ui::ChatBubble;
using helmdeck::ui::ChatPage;

class TestChatVoice : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QCoreApplication::setOrganizationName(QStringLiteral("helmdeck-test-chat-voice"));
        QSettings().clear();
    }

    void transcriptLandsInTheInputAndSends() {
        HELMDECK_REQUIRE(PocketSphinxModel::installed().problem().isEmpty(), "the PocketSphinx model",
                         "apt-get install pocketsphinx-en-us libpocketsphinx-dev");
        HELMDECK_REQUIRE(!espeakPath().isEmpty(), "espeak-ng", "apt-get install espeak-ng");
        BackendProcess backend;
        QString why;
        QVERIFY2(backend.start({"--database-url", "sqlite::memory:"}, &why), qPrintable(why));

        ChatPage page;
        page.resize(900, 600);
        page.show();
        page.setEndpoint(QUrl(backend.base_url()));
        QString error;
        auto* source = new ClipSource(speak("show my tasks", {"en-us", 150}, &error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        page.voiceBar()->setAudioSource(source);
        QSignalSpy exhausted(source, &ClipSource::exhausted);
        QSignalSpy transcribed(page.voiceBar(), &helmdeck::ui::VoiceBar::transcribed);

        QTest::mousePress(page.voiceBar()->micButton(), Qt::LeftButton);
        QCOMPARE(page.voiceBar()->state(), PushToTalk::State::Recording);
        QVERIFY(page.voiceBar()->isRecording());
        QVERIFY(page.voiceBar()->meter()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(page.voiceBar()->meter()->level() > 0.05, 5000);
        QVERIFY(exhausted.wait(10000));
        QTest::mouseRelease(page.voiceBar()->micButton(), Qt::LeftButton);
        QVERIFY(transcribed.wait(60000));
        QCOMPARE(page.input()->toPlainText(), QStringLiteral("show my tasks"));
        QVERIFY(page.bubbles().isEmpty());  // not sent: auto-send is off by default

        QTest::keyClick(page.input(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(page.bubbles().size(), 2, 10000);
        QCOMPARE(page.bubbles().at(1)->role(), ChatBubble::Role::Assistant);
        QVERIFY2(page.bubbles().at(1)->toolNames().contains("list_tasks"),
                 qPrintable(page.bubbles().at(1)->toolNames().join(',')));
    }

    void noInputDeviceShowsTheFix() {
        ChatPage page;
        page.show();
        page.voiceBar()->setAudioSource(new MicrophoneSource(QAudioDevice{}, nullptr));
        QTest::mousePress(page.voiceBar()->micButton(), Qt::LeftButton);
        QTest::mouseRelease(page.voiceBar()->micButton(), Qt::LeftButton);
        QCOMPARE(page.voiceBar()->state(), PushToTalk::State::Idle);
        QVERIFY2(page.voiceBar()->statusText().contains("No microphone found"),
                 qPrintable(page.voiceBar()->statusText()));
        QVERIFY(page.voiceBar()->statusText().contains("pactl"));
        QVERIFY(!page.voiceBar()->isRecording());
    }

    void ctrlSpaceHoldsToTalk() {
        ChatPage page;
        page.show();
        AudioClip clip;
        clip.samples = QVector<qint16>(kSpeechSampleRate, 8000);
        page.voiceBar()->setAudioSource(new ClipSource(clip));
        QTest::keyPress(page.input(), Qt::Key_Space, Qt::ControlModifier);
        QCOMPARE(page.voiceBar()->state(), PushToTalk::State::Recording);
        QVERIFY(page.input()->toPlainText().isEmpty());  // the shortcut types nothing
        QTest::keyRelease(page.input(), Qt::Key_Space, Qt::ControlModifier);
        QVERIFY(page.voiceBar()->state() != PushToTalk::State::Recording);
    }
};

QTEST_MAIN(TestChatVoice)
#include "test_chat_voice.moc"

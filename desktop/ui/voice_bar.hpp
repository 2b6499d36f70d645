#pragma once
// The Chat page's voice controls: the hold-to-talk mic button (or Ctrl+Space), the level
// meter, a status line, and the two settings (send automatically, speak replies).

#include <QWidget>

#include "core/chat_client.hpp"
#include "core/voice/push_to_talk.hpp"

class QCheckBox;
class QLabel;
class QPushButton;

namespace helmdeck::core::voice {
class ReplySpeaker;
}

namespace helmdeck::ui {

class LevelMeter;

class VoiceBar : public QWidget {
    Q_OBJECT

public:
    explicit VoiceBar(QWidget* parent = nullptr);

    /// Replaces the microphone (tests, demos); the bar takes ownership. Call before the first press.
    void setAudioSource(core::voice::AudioSource* source);
    /// The source set with setAudioSource() or created on the first press; null before.
    core::voice::AudioSource* audioSource() const { return source_; }
    /// Ctrl+Space held on `widget` (or a child that does not eat it) records.
    void watchShortcut(QWidget* widget);
    /// An assistant reply: its text is read aloud when "Speak replies" is on (never the tool
    /// chips), and the task titles in its tool results join the recognizer's vocabulary.
    void onReply(const core::ChatReply& reply);
    void speakReply(const QString& text);
    /// Task titles for the recognizer's vocabulary.
    void setTaskTitles(const QStringList& titles);

    void press();
    void release();
    bool autoSend() const;
    core::voice::PushToTalk::State state() const;
    QString statusText() const;
    /// The mic button shows the recording look (red, "Listening…").
    bool isRecording() const;
    QPushButton* micButton() const { return mic_; }
    LevelMeter* meter() const { return meter_; }

Q_SIGNALS:
    void transcribed(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    core::voice::PushToTalk* pushToTalk();
    void onState(core::voice::PushToTalk::State state);
    void showProblem(const QString& message);
    void setRecordingLook(bool recording);

    core::voice::AudioSource* source_ = nullptr;
    core::voice::PushToTalk* talk_ = nullptr;
    core::voice::ReplySpeaker* speaker_ = nullptr;
    QStringList titles_;
    QPushButton* mic_ = nullptr;
    LevelMeter* meter_ = nullptr;
    QLabel* status_ = nullptr;
    QCheckBox* autoSend_ = nullptr;
    QCheckBox* speak_ = nullptr;
};

}  // namespace helmdeck::ui

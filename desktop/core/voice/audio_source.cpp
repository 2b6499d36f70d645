#include "core/voice/audio_source.hpp"

#include <QAudioFormat>
#include <QAudioSource>
#include <QMediaDevices>
#include <cstring>

namespace helmdeck::core::voice {

namespace {

QAudioFormat speechFormat() {
    QAudioFormat format;
    format.setSampleRate(kSpeechSampleRate);
    format.setChannelCount(1);
    format.setSampleFormat(QAudioFormat::Int16);
    return format;
}

AudioClip clipFromBytes(QByteArray& bytes, int rate) {
    AudioClip clip;
    clip.sampleRate = rate;
    clip.samples.resize(bytes.size() / 2);
    std::memcpy(clip.samples.data(), bytes.constData(), size_t(clip.samples.size()) * 2);
    wipeBytes(bytes);
    return clip;
}

}  // namespace

MicrophoneSource::MicrophoneSource(QObject* parent)
    : MicrophoneSource(QMediaDevices::defaultAudioInput(), parent) {}

MicrophoneSource::MicrophoneSource(const QAudioDevice& device, QObject* parent)
    : AudioSource(parent), device_(device) {}

MicrophoneSource::~MicrophoneSource() {
    if (audio_) audio_->stop();
    wipeBytes(recorded_);
}

QString MicrophoneSource::unavailableReason() const {
    if (device_.isNull())
        return tr("No microphone found. Connect one, or start PulseAudio or PipeWire "
                  "(pactl list sources short lists the inputs), then try again.");
    if (!startError_.isEmpty()) return startError_;
    return {};
}

bool MicrophoneSource::start() {
    if (device_.isNull() || input_) return input_ != nullptr;
    startError_.clear();
    QAudioFormat format = speechFormat();
    if (!device_.isFormatSupported(format)) format = device_.preferredFormat();
    if (format.sampleFormat() != QAudioFormat::Int16 || format.channelCount() != 1) {
        startError_ = tr("The microphone “%1” cannot record 16-bit mono audio; pick another "
                         "input in the system's sound settings.").arg(device_.description());
        return false;
    }
    audio_ = std::make_unique<QAudioSource>(device_, format);
    input_ = audio_->start();
    if (!input_) {
        startError_ = tr("The microphone “%1” would not start (error %2); check that no other "
                         "program holds it.").arg(device_.description()).arg(int(audio_->error()));
        audio_.reset();
        return false;
    }
    connect(input_, &QIODevice::readyRead, this, &MicrophoneSource::readAvailable);
    return true;
}

void MicrophoneSource::readAvailable() {
    const QByteArray block = input_->readAll();
    recorded_.append(block);
    Q_EMIT levelChanged(peakLevel(reinterpret_cast<const qint16*>(block.constData()), block.size() / 2));
    QByteArray scratch = block;
    wipeBytes(scratch);
}

AudioClip MicrophoneSource::stop() {
    if (!input_) return {};
    readAvailable();
    const int rate = audio_->format().sampleRate();
    audio_->stop();
    audio_.reset();
    input_ = nullptr;
    AudioClip clip = clipFromBytes(recorded_, rate);
    if (clip.sampleRate == kSpeechSampleRate) return clip;
    AudioClip resampled = resampledToSpeechRate(clip);
    clip.wipe();
    return resampled;
}

ClipSource::ClipSource(AudioClip clip, QObject* parent) : AudioSource(parent) {
    clip_ = clip.sampleRate == kSpeechSampleRate ? std::move(clip) : resampledToSpeechRate(clip);
    timer_.setInterval(20);
    connect(&timer_, &QTimer::timeout, this, &ClipSource::tick);
}

bool ClipSource::start() {
    heard_ = 0;
    recording_ = true;
    timer_.start();
    return true;
}

void ClipSource::tick() {
    const qsizetype block = kSpeechSampleRate / 50;  // 20 ms per tick, as a device would
    const qsizetype n = std::min(block, clip_.samples.size() - heard_);
    Q_EMIT levelChanged(peakLevel(clip_.samples.constData() + heard_, n));
    heard_ += n;
    if (heard_ >= clip_.samples.size()) {
        timer_.stop();
        Q_EMIT exhausted();
    }
}

AudioClip ClipSource::stop() {
    timer_.stop();
    recording_ = false;
    AudioClip heard;
    heard.samples = clip_.samples.mid(0, heard_);
    return heard;
}

}  // namespace helmdeck::core::voice
